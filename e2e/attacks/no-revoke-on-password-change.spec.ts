// Attack (lab flaw `no-revoke-on-password-change`): Mallory holds a copy of the victim's session.
// The victim notices and changes the password; Mallory's copy keeps working.
import {
  changePasswordInUi,
  expectAttack,
  idStillWorks,
  sessionCookieValue,
  signIn,
  signInOnNewDevice,
  test,
} from "../support/fixtures";

test("a stolen session survives the victim's password change", async ({ page, browser, baseURL, user, target }) => {
  const mallory = await signInOnNewDevice(browser, baseURL!, user);
  const stolen = (await sessionCookieValue(mallory))!;
  await mallory.context().close();

  await signIn(page, user);
  await changePasswordInUi(page, user.password, "violet-harbour-engine-42");
  await page.getByText("Password changed.").waitFor();

  expectAttack(target, await idStillWorks(browser, baseURL!, stolen, user));
});
