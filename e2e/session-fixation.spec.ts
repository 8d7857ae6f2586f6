// Threat: session fixation — an attacker plants a session ID in the victim's browser before
// sign-in and uses it once the victim has signed in. Defense: every sign-in mints a new ID and
// ignores the one presented (startWebSession in lib/session/lifecycle.ts).
import { randomBytes } from "node:crypto";
import { expect, idStillWorks, SESSION_COOKIE, sessionCookieValue, signIn, test } from "./support/fixtures";

test("an ID planted before sign-in is never the one that gets authenticated", async ({ page, browser, user, baseURL }) => {
  const planted = randomBytes(32).toString("base64url");
  await page.context().addCookies([{ name: SESSION_COOKIE, value: planted, url: baseURL! }]);

  await signIn(page, user);

  const issued = await sessionCookieValue(page);
  expect(issued, "sign-in sets a session cookie").toBeTruthy();
  expect(issued).not.toBe(planted);

  expect(await idStillWorks(browser, baseURL!, planted), "the planted ID opens nothing").toBe(false);
});

test("each sign-in gets a different ID, even in the same browser", async ({ page, user }) => {
  await signIn(page, user);
  const first = await sessionCookieValue(page);
  await signIn(page, user);
  const second = await sessionCookieValue(page);
  expect(second).toBeTruthy();
  expect(second).not.toBe(first);
});
