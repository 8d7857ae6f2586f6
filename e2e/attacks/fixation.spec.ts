// Attack (lab flaw `fixation`): Mallory plants a session ID she chose in the victim's browser,
// waits for the victim to sign in, then uses the same ID herself. The victim signs in through
// the real form: the planted cookie has to be in the browser that signs in.
import { randomBytes } from "node:crypto";
import { expectAttack, idStillWorks, SESSION_COOKIE, signInWithForm, test } from "../support/fixtures";

test("a planted session ID becomes the victim's signed-in session", async ({
  page,
  browser,
  user,
  baseURL,
  target,
}) => {
  const planted = randomBytes(32).toString("base64url");

  await page.context().addCookies([{ name: SESSION_COOKIE, value: planted, url: baseURL! }]);
  await signInWithForm(page, user);

  expectAttack(target, await idStillWorks(browser, baseURL!, planted, user));
});
