// Threat: an administrator's session that signed in but never entered the admin panel (a stolen
// admin cookie, a session left open on a desk) posting the panel's actions directly: a server
// action's ID is no secret, it is in the page of every admin who opened the panel. Defense:
// every admin action declares { role: "admin", elevated: true } (lib/session/guard.ts): only a
// session that entered the panel (a fresh step-up, a new ID, a 2-hour lifetime) acts; any other
// is sent back to the panel's door. The JSON API has no admin route at all. The option's own
// proof is in admin-single-session.spec.ts, whose tests the server-wide option belongs to.
import { apiSignIn, bearer } from "./support/api";
import { adminPanelHeading, enterAdminPanel, expect, test } from "./support/fixtures";
import { callAction, formParts, plainActionIds } from "./support/server-action";

test("an admin session that never entered the panel ends, disables and changes nothing", async ({
  page,
  newDevice,
  signInAs,
  request,
  user,
  admin,
  createUser,
  db,
  baseURL,
}) => {
  const customerToken = await apiSignIn(request, user);
  const customerSession = await db.session.findFirstOrThrow({ where: { userId: user.id, endedAt: null } });
  const customerLive = async () =>
    (await request.get("/api/v1/accounts", { headers: bearer(customerToken) })).status() === 200;
  const panel = await enterAdminPanel(await newDevice(await createUser({ role: "admin" })));
  await expect(adminPanelHeading(panel)).toBeVisible();
  await panel.goto("/admin");
  const actions = await plainActionIds(panel);
  expect(actions.length, "the panel's forms: option, end, end all, disable").toBe(4);
  // Every field any admin form sends, naming the customer (no mode: the option is left alone).
  const fields = formParts({ userId: user.id, sessionId: customerSession.id }, { plain: true });

  // Signed in moments ago: the password is fresh, but this session never entered the panel.
  await signInAs(page, admin);
  for (const action of actions) {
    const { answer } = await callAction(page.request, "/admin", action, fields, baseURL!);
    expect(answer.status, `admin action ${action}`).toBeLessThan(500);
  }
  expect(await db.session.findUniqueOrThrow({ where: { id: customerSession.id } })).toMatchObject({ endedAt: null });
  expect(await customerLive(), "the customer is still signed in").toBe(true);
  expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).disabledAt, "not disabled").toBeNull();
  const adminActs = { userId: user.id, type: { in: ["sessions_revoked", "user_disabled"] } };
  expect(await db.securityEvent.count({ where: adminActs }), "nothing recorded as done to the customer").toBe(0);
  const adminSession = await db.session.findFirstOrThrow({ where: { userId: admin.id, endedAt: null } });
  expect(adminSession.elevatedAt, "the admin's session is still outside the panel").toBeNull();

  // The API offers no door of its own: an admin's bearer token finds no admin route.
  const adminToken = await apiSignIn(request, admin);
  for (const path of [`/api/v1/admin/users/${user.id}/sessions`, `/api/v1/users/${user.id}/sessions`]) {
    expect((await request.delete(path, { headers: bearer(adminToken) })).status(), path).toBe(404);
  }
  expect(await customerLive()).toBe(true);

  // Control: the very same calls from the session that entered the panel do act.
  for (const action of actions) await callAction(panel.request, "/admin", action, fields, baseURL!);
  expect(await customerLive(), "ended by the elevated admin").toBe(false);
  expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).disabledAt).not.toBeNull();
});
