// Attack (lab flaw `readable-cookie`): a script injected into the page (any XSS) reads
// document.cookie and sends the session ID to Mallory. The victim signs in through the real form:
// whether the browser lets script read the cookie it stored is what this attack is about.
import { expectAttack, sessionCookieValue, signInWithForm, test } from "../support/fixtures";

test("injected script reads the session ID from document.cookie", async ({ page, user, target }) => {
  await signInWithForm(page, user);
  const token = await sessionCookieValue(page);
  // What an XSS payload would run in the victim's page.
  const stolen = await page.evaluate(() => document.cookie);
  expectAttack(target, !!token && stolen.includes(token));
});
