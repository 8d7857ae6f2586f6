// Threat: a stolen admin session working unnoticed beside the real one. Defense: the admin
// single-session option (lib/session/admin.ts), set in the admin panel: newest-wins (default:
// the other elevated session ends and is told why), oldest-wins (the new elevation is refused,
// naming where and since when the other runs), off. Changing it is a security event, and needs
// a session that entered the panel (role: "admin", elevated: true; lib/session/guard.ts).
// Serial: the option is server-wide.
import type { Db } from "@/lib/db";
import { adminPanelHeading, enterAdminPanel, expect, test } from "./support/fixtures";
import { POLICY } from "./support/policy";
import { callAction, formParts } from "./support/server-action";

test.describe.configure({ mode: "serial" });

async function setMode(db: Db, mode: string) {
  await db.setting.upsert({
    where: { key: "admin.singleSession" },
    create: { key: "admin.singleSession", value: mode },
    update: { value: mode },
  });
}

test.afterAll(async ({ db }) => setMode(db, "newest-wins"));

test("newest-wins: opening the panel elsewhere ends the first admin session, which is told why", async ({
  createUser,
  db,
  newDevice,
}) => {
  await setMode(db, "newest-wins");
  const admin = await createUser({ role: "admin" });
  const first = await enterAdminPanel(await newDevice(admin));
  await expect(adminPanelHeading(first)).toBeVisible();
  const second = await enterAdminPanel(await newDevice(admin));
  await expect(adminPanelHeading(second)).toBeVisible();

  await first.goto("/admin");
  await expect(first).toHaveURL(/reason=superseded/);
  await expect(first.getByText("the admin panel was opened in another session")).toBeVisible();
});

test("oldest-wins: a second elevation is refused, naming where and since when", async ({
  createUser,
  db,
  newDevice,
}) => {
  await setMode(db, "oldest-wins");
  const admin = await createUser({ role: "admin" });
  const first = await enterAdminPanel(await newDevice(admin));
  await expect(adminPanelHeading(first)).toBeVisible();
  const second = await enterAdminPanel(await newDevice(admin));
  await expect(second.getByText(/already open in another session: Chrome on Linux at .+, since /)).toBeVisible();
  await expect(adminPanelHeading(second)).toHaveCount(0);

  await first.goto("/admin");
  await expect(adminPanelHeading(first)).toBeVisible();
});

test("oldest-wins: an elevated session dead by policy (idle 3 h, never marked ended) blocks nothing", async ({
  createUser,
  db,
  newDevice,
}) => {
  await setMode(db, "oldest-wins");
  const admin = await createUser({ role: "admin" });
  const first = await enterAdminPanel(await newDevice(admin));
  await expect(adminPanelHeading(first)).toBeVisible();
  // Idle an hour past the admin's lifetime (and so past the high tier's limit), yet still endedAt null.
  const longAgo = new Date(Date.now() - (POLICY.adminAbsoluteLifetimeHours + 1) * 3_600_000);
  await db.session.updateMany({
    where: { userId: admin.id, elevatedAt: { not: null }, endedAt: null },
    data: { lastSeenAt: longAgo, elevatedAt: longAgo },
  });

  const second = await enterAdminPanel(await newDevice(admin));
  await expect(adminPanelHeading(second)).toBeVisible();
  // The dead session is not listed as live either.
  const listed = second.getByRole("row").filter({ hasText: admin.email });
  await expect(listed.getByRole("listitem")).toHaveCount(1);
});

test("off: two admin panels at once", async ({ createUser, db, newDevice }) => {
  await setMode(db, "off");
  const admin = await createUser({ role: "admin" });
  const first = await enterAdminPanel(await newDevice(admin));
  const second = await enterAdminPanel(await newDevice(admin));
  await expect(adminPanelHeading(second)).toBeVisible();
  await first.goto("/admin");
  await expect(adminPanelHeading(first)).toBeVisible();
});

test("changing the option in the panel is recorded as a security event", async ({ createUser, db, newDevice }) => {
  await setMode(db, "newest-wins");
  const admin = await createUser({ role: "admin" });
  const panel = await enterAdminPanel(await newDevice(admin));
  await panel.getByLabel("When an admin opens the panel in a second session").selectOption("oldest-wins");
  await panel.getByRole("button", { name: "Save option" }).click();
  const changes = { where: { userId: admin.id, type: "admin_setting_changed" } };
  await expect.poll(() => db.securityEvent.count(changes)).toBe(1);
  await panel.reload();
  await expect(panel.getByLabel("When an admin opens the panel in a second session")).toHaveValue("oldest-wins");
  const event = await db.securityEvent.findFirstOrThrow(changes);
  expect(JSON.parse(event.detail)).toMatchObject({ from: "newest-wins", to: "oldest-wins" });
});

test("an admin session that never entered the panel cannot change the option, even posting the action itself", async ({
  page,
  baseURL,
  createUser,
  db,
  admin,
  signInAs,
  newDevice,
}) => {
  await setMode(db, "newest-wins");
  const panel = await enterAdminPanel(await newDevice(await createUser({ role: "admin" })));
  await expect(adminPanelHeading(panel)).toBeVisible();
  await panel.goto("/admin");
  const saveOption = panel.locator("form", { has: panel.getByRole("button", { name: "Save option" }) });
  const actionId = (await saveOption.locator("input[name^='$ACTION_ID_']").getAttribute("name"))!.slice(11);
  const oldestWins = formParts({ mode: "oldest-wins" }, { plain: true });

  // Signed in moments ago (a fresh password), but never entered the panel.
  await signInAs(page, admin);
  const { answer } = await callAction(page.request, "/admin", actionId, oldestWins, baseURL!);
  expect(answer.status).toBeLessThan(500);
  expect(await db.setting.findUnique({ where: { key: "admin.singleSession" } })).toMatchObject({
    value: "newest-wins",
  });
  expect(await db.securityEvent.count({ where: { userId: admin.id, type: "admin_setting_changed" } })).toBe(0);

  // Control: the same call from the session that entered the panel changes it.
  await callAction(panel.request, "/admin", actionId, oldestWins, baseURL!);
  expect(await db.setting.findUnique({ where: { key: "admin.singleSession" } })).toMatchObject({
    value: "oldest-wins",
  });
});
