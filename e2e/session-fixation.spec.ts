// Threat: session fixation — an attacker plants a session ID in the victim's browser before
// sign-in and uses it once the victim has signed in. Defense: every sign-in mints a new ID and
// ignores the one presented (startWebSession in lib/session/lifecycle.ts).
import { randomBytes } from "node:crypto";
import { expect, idStillWorks, SESSION_COOKIE, sessionCookieValue, signInWithForm, test } from "./support/fixtures";
import { tokenHash } from "./support/log-secrets";

test("an ID planted before sign-in is never the one that gets authenticated", async ({
  page,
  browser,
  user,
  baseURL,
}) => {
  const planted = randomBytes(32).toString("base64url");
  await page.context().addCookies([{ name: SESSION_COOKIE, value: planted, url: baseURL! }]);

  await signInWithForm(page, user);

  const issued = await sessionCookieValue(page);
  expect(issued, "sign-in sets a session cookie").toBeTruthy();
  expect(issued).not.toBe(planted);

  expect(await idStillWorks(browser, baseURL!, planted, user), "the planted ID opens nothing").toBe(false);
  expect(await idStillWorks(browser, baseURL!, issued!, user), "the issued ID is the victim's session").toBe(true);
});

test("signing in again in the same browser gets a new ID and ends the one it held", async ({
  signedInPage: page,
  browser,
  user,
  baseURL,
  db,
}) => {
  const first = (await sessionCookieValue(page))!;
  await signInWithForm(page, user);
  const second = await sessionCookieValue(page);
  expect(second).toBeTruthy();
  expect(second).not.toBe(first);

  const firstRow = await db.session.findUniqueOrThrow({ where: { tokenHash: tokenHash(first) } });
  expect(firstRow.endReason, "the replaced session ended on the server").toBe("signed_out");
  expect(await idStillWorks(browser, baseURL!, first, user), "a copy of the first ID opens nothing").toBe(false);
  expect(await idStillWorks(browser, baseURL!, second!, user), "the new ID works").toBe(true);
});

test("signing in as someone else ends the previous user's session in this browser", async ({
  signedInPage: page,
  browser,
  user,
  createUser,
  baseURL,
  db,
}) => {
  const first = (await sessionCookieValue(page))!;
  await signInWithForm(page, await createUser());
  const firstRow = await db.session.findUniqueOrThrow({ where: { tokenHash: tokenHash(first) } });
  expect(firstRow.endedAt).not.toBeNull();
  expect(await idStillWorks(browser, baseURL!, first, user)).toBe(false);
});
