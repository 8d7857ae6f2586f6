// Attack (lab flaw `no-reuse-detection`): Mallory stole the victim's cookie. The victim later
// confirms a transfer (the session moves to a new ID). Mallory keeps using the old ID: without
// reuse detection she still reads the account, and nobody is told.
import {
  attackOutcome,
  expectAttack,
  fillTransfer,
  SESSION_COOKIE,
  sessionCookieValue,
  setRotationAge,
  signInStale,
  test,
} from "../support/fixtures";

test("a stolen ID keeps working after the victim's session rotated", async ({
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
  const stolen = (await sessionCookieValue(victimPage))!;

  await fillTransfer(victimPage, await createUser(), "10.00");
  await victimPage.getByRole("button", { name: "Send transfer" }).click();
  await victimPage.getByLabel("Password").fill(user.password);
  await victimPage.getByRole("button", { name: "Confirm transfer" }).click();
  await victimPage.getByRole("heading", { name: "Transfer sent" }).waitFor();
  await setRotationAge(db, user.id, 60);

  const thief = await browser.newContext({ baseURL });
  await thief.addCookies([{ name: SESSION_COOKIE, value: stolen, url: baseURL! }]);
  const page = await thief.newPage();
  await page.goto("/dashboard");
  const inAsVictim = await attackOutcome(page, page.getByRole("heading", { name: `Welcome, ${user.name}` }));
  const noticed = (await db.securityEvent.count({ where: { userId: user.id, type: "reuse_detected" } })) > 0;

  expectAttack(target, inAsVictim && !noticed);
  await victim.close();
  await thief.close();
});
