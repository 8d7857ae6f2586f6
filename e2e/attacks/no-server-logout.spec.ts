// Attack (lab flaw `no-server-logout`): Mallory copied the victim's session cookie; the victim
// signs out, believing that ends it; Mallory replays the copy.
import { expectAttack, idStillWorks, sessionCookieValue, signIn, test } from "../support/fixtures";

test("a session copied before sign-out still opens the account afterwards", async ({
  browser,
  user,
  baseURL,
  target,
}) => {
  const victim = await browser.newContext({ baseURL });
  const victimPage = await victim.newPage();
  await signIn(victimPage, user);
  const copied = await sessionCookieValue(victimPage);
  await victimPage.getByRole("button", { name: "Sign out" }).click();
  await victimPage.waitForURL(/\/signin/);

  expectAttack(target, await idStillWorks(browser, baseURL!, copied!, user));
  await victim.close();
});
