// Threat: an API token (a phone) outliving the events that should end it — the owner's
// password change, an administrator's force-logout. Defense: API tokens are ordinary sessions,
// so commitPasswordChange and the admin's revokeUserSessions (lib/session/revoke.ts) end
// them with the web sessions; the next API call gets 401 with the reason.
import { bearer, expect, expectApiError, test } from "../support/api";
import { changePasswordInUi, enterAdminPanel } from "../support/fixtures";

test("a password change on the web ends the user's API tokens", async ({
  signedInPage: page,
  request,
  apiToken,
  user,
}) => {
  await changePasswordInUi(page, user.password, "violet-harbour-engine-42");
  await expect(page.getByText("Password changed. 1 other session was signed out")).toBeVisible();

  const body = await expectApiError(
    await request.get("/api/v1/accounts", { headers: bearer(apiToken) }),
    401,
    "unauthenticated",
  );
  expect(body.reason).toBe("password_changed");
});

test("an administrator ending a customer's sessions ends their API tokens too", async ({
  newDevice,
  request,
  apiToken,
  user,
  admin,
  db,
}) => {
  const panel = await enterAdminPanel(await newDevice(admin));
  await panel.getByRole("button", { name: `End all sessions of ${user.email}` }).click();
  await expect.poll(() => db.session.count({ where: { userId: user.id, endedAt: null } })).toBe(0);

  const body = await expectApiError(
    await request.get("/api/v1/accounts", { headers: bearer(apiToken) }),
    401,
    "unauthenticated",
  );
  expect(body.reason).toBe("revoked_by_admin");
});
