// Threat: a session on a lost or stolen device the owner cannot see or end. Defense: the
// sessions page lists every live session (device, fingerprint, IP, started, last active) and ends any one
// or all others, after a fresh step-up (ASVS 5.0 7.5.2); an ended session is refused on its
// very next request (lib/session/revoke.ts).
import { expect, makeStepUpDue, test } from "./support/fixtures";

test("lists sessions and ends another one after a step-up", async ({ signedInPage: page, newDevice, user, db }) => {
  const phone = await newDevice();
  await makeStepUpDue(db, user);

  await page.goto("/security/sessions");
  const rows = page.getByRole("table", { name: "Your sessions" }).getByRole("row");
  await expect(rows).toHaveCount(3);
  await expect(page.getByText("(this device)")).toHaveCount(1);
  await expect(rows.filter({ hasText: "Chrome on Linux" }).first()).toBeVisible();

  await page.getByRole("button", { name: /^End session on/ }).click();
  await expect(page.getByRole("group", { name: "Confirm it's you" })).toBeVisible();
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: /^End session on/ }).click();
  await expect(page.getByText("1 session was ended.")).toBeVisible();
  await expect(rows).toHaveCount(2);

  await phone.goto("/dashboard");
  await expect(phone).toHaveURL(/reason=revoked/);
});

test("sessions of one browser are told apart: each its own fingerprint, the inspector's for this one", async ({
  signedInPage: page,
  newDevice,
}) => {
  await newDevice();
  await newDevice();
  await page.goto("/security/sessions");
  const rows = page.getByRole("table", { name: "Your sessions" }).getByRole("row");
  await expect(rows).toHaveCount(4);
  const texts = await rows.allInnerTexts();
  expect(new Set(texts).size, texts.join("\n")).toBe(4);
  const buttons = await page.getByRole("button", { name: /^End session on/ }).all();
  const names = await Promise.all(buttons.map((b) => b.getAttribute("aria-label")));
  expect(new Set(names).size).toBe(2);
  await page.getByText("Session inspector", { exact: true }).click();
  const mine = await page.getByTestId("inspector-fingerprint").innerText();
  await expect(rows.filter({ hasText: "(this device)" })).toContainText(mine);
});

test("Sign out everywhere else ends all other sessions", async ({ signedInPage: page, newDevice, user, db }) => {
  const laptop = await newDevice();
  const tablet = await newDevice();

  await page.goto("/security/sessions");
  await page.getByRole("button", { name: "Sign out everywhere else" }).click();
  await expect(page.getByText("2 sessions were ended.")).toBeVisible();
  expect(await db.session.count({ where: { userId: user.id, endedAt: null } })).toBe(1);
  for (const other of [laptop, tablet]) {
    await other.goto("/dashboard");
    await expect(other).toHaveURL(/reason=revoked/);
  }
});
