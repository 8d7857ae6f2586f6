// Threat: a stolen session kept busy (or a browser never closed) lives forever. Defense: every
// session has an absolute deadline (absoluteLifetimeHours, 12 h) fixed at sign-in and checked
// on every request, whatever the activity (checkSession in lib/session/validate.ts).
import { ageSession, expect, signIn, test } from "./support/fixtures";

test("an active session is ended at its 12-hour absolute lifetime", async ({ page, user, db }) => {
  await signIn(page, user);
  await ageSession(db, user.id, { ageMinutes: 12 * 60 - 1 });
  await page.goto("/profile");
  await expect(page.getByRole("heading", { name: "Profile" })).toBeVisible();

  await ageSession(db, user.id, { ageMinutes: 2 });
  await page.goto("/profile");
  await expect(page).toHaveURL(/\/signin\?reason=absolute/);
  await expect(page.getByText("Your session reached its maximum length of 12 hours.")).toBeVisible();
  const session = await db.session.findFirstOrThrow({ where: { userId: user.id } });
  expect(session.endReason).toBe("absolute");
});
