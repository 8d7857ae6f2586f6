// Attack (lab flaw `persistent-cookie`): the victim signs in on a shared computer and closes the
// browser without signing out. The next person at that computer starts the browser and opens the
// bank. A browser keeps across a restart what has an expiry (and the pages' storage); a cookie
// without one (`expires: -1`) is a session cookie, dropped at exit. The victim signs in through
// the real form: how the browser itself stores the bank's cookie is what this attack is about.
import { attackOutcome, expectAttack, signInWithForm, test } from "../support/fixtures";

test("the next person at a shared computer opens the bank as the victim", async ({
  page: before,
  browser,
  baseURL,
  user,
  target,
}) => {
  await signInWithForm(before, user);
  const state = await before.context().storageState();
  await before.context().close();

  const after = await browser.newContext({
    baseURL,
    storageState: { ...state, cookies: state.cookies.filter((c) => c.expires !== -1) },
  });
  const page = await after.newPage();
  await page.goto("/dashboard");
  expectAttack(target, await attackOutcome(page, page.getByRole("heading", { name: `Welcome, ${user.name}` })));
  await after.close();
});
