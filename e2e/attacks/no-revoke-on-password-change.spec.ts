// Attack (lab flaw `no-revoke-on-password-change`): Mallory holds a copy of the victim's session.
// The victim notices and changes the password; Mallory's copy keeps working.
import { changePasswordInUi, expectAttack, idStillWorks, sessionCookieValue, test } from "../support/fixtures";

test("a stolen session survives the victim's password change", async ({
  signedInPage: page,
  newDevice,
  browser,
  baseURL,
  user,
  target,
}) => {
  const stolen = (await sessionCookieValue(await newDevice()))!;

  await changePasswordInUi(page, user.password, "violet-harbour-engine-42");
  await page.getByText("Password changed.").waitFor();

  expectAttack(target, await idStillWorks(browser, baseURL!, stolen, user));
});
