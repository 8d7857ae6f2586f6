// Attack (lab flaw `fixation`): Mallory plants a session ID she chose in the victim's browser,
// waits for the victim to sign in, then uses the same ID herself.
import { randomBytes } from "node:crypto";
import { expectAttack, idStillWorks, SESSION_COOKIE, signIn, test } from "../support/fixtures";

test("a planted session ID becomes the victim's signed-in session", async ({ browser, user, baseURL, target }) => {
  const planted = randomBytes(32).toString("base64url");

  const victim = await browser.newContext({ baseURL });
  await victim.addCookies([{ name: SESSION_COOKIE, value: planted, url: baseURL! }]);
  await signIn(await victim.newPage(), user);

  expectAttack(target, await idStillWorks(browser, baseURL!, planted, user));
  await victim.close();
});
