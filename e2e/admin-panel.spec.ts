// Threat: privileged actions from a stale or hijacked session, customers probing the admin
// panel, and sessions an administrator cannot stop. Defense: /admin needs the admin role
// (others get a 404 and an event), entering it needs a fresh step-up and issues a new ID with a
// 2-hour absolute lifetime (lib/session/admin.ts); admins end sessions and disable accounts,
// which ends their sessions at once (ASVS 5.0 7.4.2).
import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { makeStepUpDue, eventTimes, expect, sessionCookieValue, TEST_PASSWORD, test } from "./support/fixtures";

/** Signed in moments ago, the step-up is fresh: no password. Otherwise pass it. */
async function enterAdmin(page: Page, password?: string) {
  await page.goto("/admin");
  if (password) await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Enter admin panel" }).click();
  await expect(page.getByRole("heading", { name: "Users and live sessions" })).toBeVisible();
}

test("an administrator's dashboard leads to the panel; a customer's never mentions it", async ({
  page,
  db,
  passwordHash,
  signInAs,
  newDevice,
  user,
}) => {
  // An administrator with no accounts of their own, as the demo's: no empty bank, the panel first.
  const email = `test-${randomUUID().slice(0, 8)}@vaultline.test`;
  await db.user.create({ data: { email, name: "Ada Admin", passwordHash, role: "admin" } });
  await signInAs(page, { email, password: TEST_PASSWORD });
  await page.goto("/dashboard");
  await expect(page.getByText("You have no accounts yet.")).toHaveCount(0);
  await page
    .getByRole("region", { name: "Administration" })
    .getByRole("link", { name: "Open the admin panel" })
    .click();
  await expect(page.getByRole("button", { name: "Enter admin panel" })).toBeVisible();

  const customer = await newDevice(user);
  await customer.goto("/dashboard");
  await expect(customer.getByRole("heading", { name: "Your accounts" })).toBeVisible();
  await expect(customer.getByText(/admin panel/i)).toHaveCount(0);
});

test("a customer reaching /admin gets a 404 and an event, not a redirect", async ({ signedInPage: page, user, db }) => {
  const response = await page.goto("/admin");
  expect(response?.status()).toBe(404);
  await expect(page).toHaveURL(/\/admin$/);
  expect(await eventTimes(db, { userId: user.id, type: "admin_access_denied" })).toBe(1);
});

test("entering the panel needs the password, rotates the ID and caps the session at 2 hours", async ({
  page,
  db,
  admin,
  signInAs,
}) => {
  await signInAs(page, admin);
  await makeStepUpDue(db, admin);
  const before = await sessionCookieValue(page);

  await enterAdmin(page, admin.password);
  expect(await sessionCookieValue(page)).not.toBe(before);
  const session = await db.session.findFirstOrThrow({ where: { userId: admin.id, endedAt: null } });
  expect(session.elevatedAt).not.toBeNull();
  expect(session.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(2 * 3_600_000);
  expect(await db.securityEvent.count({ where: { userId: admin.id, type: "admin_elevated" } })).toBe(1);
});

test("an admin ends a customer's sessions; the customer is told why", async ({
  page,
  user,
  createUser,
  db,
  newDevice,
  signInAs,
}) => {
  const admin = await createUser({ role: "admin" });
  const customer = await newDevice();
  await signInAs(page, admin);
  await enterAdmin(page);

  await page.getByRole("button", { name: `End all sessions of ${user.email}` }).click();
  await expect.poll(() => db.session.count({ where: { userId: user.id, endedAt: null } })).toBe(0);
  await customer.goto("/dashboard");
  await expect(customer).toHaveURL(/reason=revoked_by_admin/);
  await expect(customer.getByText("Your session was ended by an administrator.")).toBeVisible();
});

test("disabling an account ends its sessions and blocks sign-in", async ({
  page,
  user,
  createUser,
  db,
  newDevice,
  signInAs,
}) => {
  const admin = await createUser({ role: "admin" });
  const customer = await newDevice();
  await signInAs(page, admin);
  await enterAdmin(page);

  await page.getByRole("button", { name: `Disable account of ${user.email}` }).click();
  await expect(page.getByRole("button", { name: `Disable account of ${user.email}` })).toHaveCount(0);
  expect(await db.session.count({ where: { userId: user.id, endedAt: null } })).toBe(0);
  await customer.goto("/dashboard");
  await expect(customer).toHaveURL(/\/signin/);
  await customer.goto("/signin");
  await customer.getByLabel("Email").fill(user.email);
  await customer.getByLabel("Password").fill(user.password);
  await customer.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(customer.getByText("Incorrect email or password.")).toBeVisible();
});

test("the event log filters by type and user", async ({ page, user, admin, signInAs }) => {
  await signInAs(page, admin);
  await enterAdmin(page);
  await page.getByLabel("Type").selectOption({ label: "Entered the admin panel" });
  await page.getByRole("button", { name: "Filter" }).click();
  const log = page.getByRole("table", { name: "Security events" });
  await expect(log.getByRole("row").filter({ hasText: admin.email }).first()).toBeVisible();
  await expect(log.getByRole("row").filter({ hasText: "Signed in" })).toHaveCount(0);

  await page.getByLabel("Type").selectOption({ label: "All types" });
  await page.getByLabel("User", { exact: true }).selectOption({ label: user.email });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(log.getByRole("row").filter({ hasText: admin.email })).toHaveCount(0);
});
