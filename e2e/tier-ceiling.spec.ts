// Threat: a lower tier reopens a higher one. After 20 idle minutes the high tier (15 min by default) is
// closed, but a visit to a low page (profile, 60 min) resets the idle clock, and the transfer
// page opens again: the 15-minute tier behaves as 60. Defense: an idle gap closes every tier whose
// limit it exceeded for the rest of the session (the session's `openTier`, lowered in
// checkSession, lib/session/validate.ts); a later request to a closed tier ends the session with
// that tier's idle reason, through pages, the keep-alive and the API alike. Policy: low 60,
// medium 30, high 15 minutes.
import { apiSignIn, apiStepUpAttempt, bearer, expectApiError } from "./support/api";
import { ageSession, expect, test } from "./support/fixtures";
import { idleBetween, idleMessage, pastIdleLimit } from "./support/policy";

test("a low-tier page after an idle gap past the high tier does not reopen the high tier", async ({
  signedInPage: page,
  user,
  db,
}) => {
  await ageSession(db, user.id, { idleMinutes: idleBetween("high", "medium") });

  await page.goto("/profile");
  await expect(page.getByRole("heading", { name: "Profile" })).toBeVisible();
  await page.goto("/security");
  await expect(page).toHaveURL(/\/signin\?reason=idle&tier=high/);
  await expect(page.getByText(idleMessage("high"))).toBeVisible();
  const session = await db.session.findFirstOrThrow({ where: { userId: user.id } });
  expect(session.endReason).toBe("idle");
});

test("a medium page after an idle gap past the high tier still works, and keeps working, but transfers stay closed", async ({
  signedInPage: page,
  user,
  db,
}) => {
  await ageSession(db, user.id, { idleMinutes: idleBetween("high", "medium") });
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: `Welcome, ${user.name}` })).toBeVisible();
  await page.goto("/profile");
  await expect(page.getByRole("heading", { name: "Profile" })).toBeVisible();

  await page.goto("/transfers");
  await expect(page).toHaveURL(/\/signin\?reason=idle&tier=high/);
});

test("a keep-alive that names a lower tier after an idle gap past the medium tier does not reopen transfers", async ({
  signedInPage: page,
  user,
  db,
}) => {
  await ageSession(db, user.id, { idleMinutes: idleBetween("medium", "low") });

  const keepAlive = await page.request.post("/session/keep-alive?tier=low");
  expect(keepAlive.status()).toBe(200);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/signin\?reason=idle&tier=medium/);
  await expect(page.getByText(idleMessage("medium"))).toBeVisible();
});

test("a keep-alive after the gap does not reopen the page tier it was sent from", async ({
  signedInPage: page,
  user,
  db,
}) => {
  await ageSession(db, user.id, { idleMinutes: pastIdleLimit("high") });
  const keepAlive = await page.request.post("/session/keep-alive?tier=high");
  expect(keepAlive.status()).toBe(401);
  expect((await keepAlive.json()).reason).toBe("idle");
  await page.goto("/profile");
  await expect(page).toHaveURL(/\/signin/);
});

test("API: an account read after an idle gap past the high tier does not let step-up through", async ({
  request,
  user,
  db,
}) => {
  const token = await apiSignIn(request, user);
  await ageSession(db, user.id, { idleMinutes: idleBetween("high", "medium") });

  expect((await request.get("/api/v1/accounts", { headers: bearer(token) })).status()).toBe(200);
  const stepUp = await apiStepUpAttempt(request, token, user.password);
  const body = await expectApiError(stepUp, 401, "unauthenticated");
  expect(body.reason).toBe("idle");
  expect(await db.session.count({ where: { userId: user.id } }), "no new token was issued").toBe(1);
  expect((await request.get("/api/v1/accounts", { headers: bearer(token) })).status()).toBe(401);
});

test("API: the status read after a gap reports the closed tiers and cannot reopen them", async ({
  request,
  user,
  db,
}) => {
  const token = await apiSignIn(request, user);
  await ageSession(db, user.id, { idleMinutes: idleBetween("medium", "low") });
  const status = await request.get("/api/v1/sessions/current", { headers: bearer(token) });
  expect(status.status()).toBe(200);
  expect((await status.json()).session.openTier).toBe("low");
  expect((await request.get("/api/v1/accounts", { headers: bearer(token) })).status()).toBe(401);
});
