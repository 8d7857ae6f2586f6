// Threat: a thief holding a session (or API token) keeps it after the victim changes the
// password to lock them out. Defense: a password change ends every other session and API token
// of the user at once (commitPasswordChange in lib/session/revoke.ts) and gives the
// current device a new ID; new passwords need 12+ characters, not the old one, not common.
import bcrypt from "bcrypt";
import {
  changePasswordInUi,
  expect,
  idStillWorks,
  PRODUCTION_COST_SERVER,
  sessionCookieValue,
  signInWithForm,
  test,
} from "./support/fixtures";

const NEW_PASSWORD = "violet-harbour-engine-42";

test("changing the password ends the other device's session and keeps this one on a new ID", async ({
  signedInPage: page,
  browser,
  baseURL,
  user,
  db,
  newDevice,
}) => {
  const otherDevice = await newDevice();
  const before = await sessionCookieValue(page);

  await changePasswordInUi(page, user.password, NEW_PASSWORD);
  await expect(page.getByText("Password changed. 1 other session was signed out")).toBeVisible();

  const after = await sessionCookieValue(page);
  expect(after).not.toBe(before);
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: `Welcome, ${user.name}` })).toBeVisible();
  expect(await idStillWorks(browser, baseURL!, before!, user), "this device's old ID is dead").toBe(false);

  await otherDevice.goto("/dashboard");
  await expect(otherDevice).toHaveURL(/reason=password_changed/);
  await expect(otherDevice.getByText("Your password was changed")).toBeVisible();
  expect(await db.securityEvent.count({ where: { userId: user.id, type: "password_changed" } })).toBe(1);

  await signInWithForm(otherDevice, { email: user.email, password: NEW_PASSWORD });
});

// The test servers hash at bcrypt's lowest cost, to keep the suite fast; what this proves is
// the cost a server with production's settings writes.
test("the production server hashes a new password with bcrypt at cost 12 or more", async ({
  ownServer,
  createUser,
  newDevice,
}) => {
  const server = await ownServer(PRODUCTION_COST_SERVER);
  const user = await createUser({ in: server.db });
  const page = await newDevice(user, server.baseURL);
  await changePasswordInUi(page, user.password, NEW_PASSWORD);
  await expect(page.getByText(/^Password changed\./)).toBeVisible();
  const { passwordHash } = await server.db.user.findUniqueOrThrow({ where: { id: user.id } });
  expect(passwordHash).toMatch(/^\$2b\$/);
  expect(bcrypt.getRounds(passwordHash!)).toBeGreaterThanOrEqual(12);
});

test("weak, reused, mismatched or unverified new passwords are refused", async ({ signedInPage: page, user, db }) => {
  await page.goto("/security/password");
  const attempt = async (current: string, next: string, confirm: string, message: string) => {
    await page.getByLabel("Current password").fill(current);
    await page.getByLabel("New password", { exact: true }).fill(next);
    await page.getByLabel("Confirm new password").fill(confirm);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText(message)).toBeVisible();
  };
  await attempt(user.password, "short-one", "short-one", "Use at least 12 characters.");
  await attempt(user.password, user.password, user.password, "Choose a password different from your current one.");
  await attempt(user.password, "unbelievable", "unbelievable", "That password is too common.");
  await attempt(user.password, NEW_PASSWORD, "something-else-entirely", "The new passwords do not match.");
  await attempt("not-my-password", NEW_PASSWORD, NEW_PASSWORD, "Your current password is not right. 4 attempts left.");
  expect(await db.securityEvent.count({ where: { userId: user.id, type: "password_changed" } })).toBe(0);
});
