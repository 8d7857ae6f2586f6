// Attack (lab flaw `no-revoke-on-password-change`): Mallory holds a copy of the victim's session.
// The victim notices and changes the password; Mallory's copy keeps working.
import { expectAttack, idStillWorks, sessionCookieValue, signIn, signInOnNewDevice, test } from "../support/fixtures";

test("a stolen session survives the victim's password change", async ({ page, browser, baseURL, user, target }) => {
  const mallory = await signInOnNewDevice(browser, baseURL!, user);
  const stolen = (await sessionCookieValue(mallory))!;
  await mallory.context().close();

  await signIn(page, user);
  await page.goto("/security/password");
  await page.getByLabel("Current password").fill(user.password);
  await page.getByLabel("New password", { exact: true }).fill("violet-harbour-engine-42");
  await page.getByLabel("Confirm new password").fill("violet-harbour-engine-42");
  await page.getByRole("button", { name: "Change password" }).click();
  await page.getByText("Password changed.").waitFor();

  expectAttack(target, await idStillWorks(browser, baseURL!, stolen));
});
