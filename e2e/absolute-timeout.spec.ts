// Threat: a stolen session kept busy (or a browser never closed) lives forever. Defense: every
// session has an absolute deadline (absoluteLifetimeHours, 12 h by default) fixed at sign-in and
// checked on every request, whatever the activity (checkSession in lib/session/validate.ts);
// entering the admin panel brings it closer (adminAbsoluteLifetimeHours, 2 h).
import { adminPanelHeading, ageSession, enterAdminPanel, expect, test } from "./support/fixtures";
import { POLICY } from "./support/policy";

const LIFETIME_HOURS = POLICY.absoluteLifetimeHours;

test("an active session is ended at its absolute lifetime", async ({ signedInPage: page, user, db }) => {
  await ageSession(db, user.id, { ageMinutes: LIFETIME_HOURS * 60 - 1 });
  await page.goto("/profile");
  await expect(page.getByRole("heading", { name: "Profile" })).toBeVisible();

  await ageSession(db, user.id, { ageMinutes: 2 });
  await page.goto("/profile");
  await expect(page).toHaveURL(/\/signin\?reason=absolute/);
  await expect(page.getByText(`Your session reached its maximum length of ${LIFETIME_HOURS} hours.`)).toBeVisible();
  const session = await db.session.findFirstOrThrow({ where: { userId: user.id } });
  expect(session.endReason).toBe("absolute");
});

test("an admin session is ended at the admin lifetime, and told that one", async ({ createUser, newDevice, db }) => {
  const admin = await createUser({ role: "admin" });
  const page = await enterAdminPanel(await newDevice(admin));
  await expect(adminPanelHeading(page)).toBeVisible();
  await ageSession(db, admin.id, { ageMinutes: POLICY.adminAbsoluteLifetimeHours * 60 + 1 });
  await page.goto("/profile");
  await expect(page).toHaveURL(/\/signin\?reason=admin_absolute/);
  await expect(
    page.getByText(
      `Your admin session reached its maximum length: ${POLICY.adminAbsoluteLifetimeHours} hours from entering the admin panel, ${LIFETIME_HOURS} from signing in.`,
    ),
  ).toBeVisible();
  const session = await db.session.findFirstOrThrow({
    where: { userId: admin.id, endedAt: { not: null }, endReason: { not: "rotated" } },
  });
  expect(session.endReason).toBe("admin_absolute");
});
