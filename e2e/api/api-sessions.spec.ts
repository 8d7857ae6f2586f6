// Threat: a mobile client's session token outlives the rules a browser session lives by: it
// never expires, survives logout, or keeps working after it was replaced (M9). Defense: an API
// token is an ordinary server-side session (clientType "api") validated by the same code and
// policy as the web (lib/session/bearer.ts → validateSessionToken): tier idle limits, absolute
// lifetime, server-side sign-out, a new token at step-up and reuse detection.
import { randomUUID } from "node:crypto";
import { apiSignInAttempt, apiStepUp, apiStepUpAttempt, bearer, expect, expectApiError, test } from "../support/api";
import { ageSession, makeStepUpDue, setRotationAge } from "../support/fixtures";
import { tokenHash } from "../support/log-secrets";
import { idleBetween, pastIdleLimit, POLICY } from "../support/policy";

const MINUTE_MS = 60_000;

test("sign-in answers an opaque token, stored only as its hash, with the session's deadlines", async ({
  request,
  user,
  db,
}) => {
  const response = await apiSignInAttempt(request, user);
  expect(response.status()).toBe(201);
  expect(response.headers()["cache-control"]).toBe("no-store");
  const body = await response.json();
  expect(body.tokenType).toBe("Bearer");
  expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(body.session.idleTimeoutMinutes).toEqual(POLICY.idleTimeoutMinutes);
  const lastActivity = Date.parse(body.session.lastActivityAt);
  expect(Date.parse(body.session.idleExpiresAt.high) - lastActivity).toBe(POLICY.idleTimeoutMinutes.high * MINUTE_MS);
  expect(Date.parse(body.session.absoluteExpiresAt) - Date.parse(body.session.createdAt)).toBe(
    POLICY.absoluteLifetimeHours * 60 * MINUTE_MS,
  );
  expect(Date.parse(body.session.stepUpFreshUntil) - lastActivity).toBe(POLICY.stepUpFreshnessMinutes * MINUTE_MS);

  const row = await db.session.findFirstOrThrow({ where: { userId: user.id } });
  expect(row.clientType).toBe("api");
  expect(row.tokenHash).toBe(tokenHash(body.token));
  expect(body.session.fingerprint).toBe(row.tokenHash.slice(0, 8));
  expect(await db.securityEvent.count({ where: { userId: user.id, type: "sign_in_success" } })).toBe(1);

  const accounts = await request.get("/api/v1/accounts", { headers: bearer(body.token) });
  expect(accounts.status()).toBe(200);
});

test("a wrong password and an unknown email get the same 401 and no session", async ({ request, user, db }) => {
  const wrong = await apiSignInAttempt(request, { email: user.email, password: "not-the-password" });
  const unknown = await apiSignInAttempt(request, {
    email: "nobody-here@vaultline.test",
    password: "not-the-password",
  });
  const wrongBody = await expectApiError(wrong, 401, "invalid_credentials");
  expect(await expectApiError(unknown, 401, "invalid_credentials")).toEqual(wrongBody);
  expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
});

test("bad input is a 400 in the API's shape, never a 500 or a stack trace", async ({ request }) => {
  const cases = [
    { data: "{not json", error: "malformed_json" },
    { data: "", error: "malformed_json" },
    { data: "[]", error: "bad_request" },
    { data: JSON.stringify({ email: "a@b.test" }), error: "bad_request" },
    { data: JSON.stringify({ email: 42, password: ["x"] }), error: "bad_request" },
  ] as const;
  for (const { data, error } of cases) {
    const response = await request.post("/api/v1/sessions", {
      data: Buffer.from(data),
      headers: { "Content-Type": "application/json" },
    });
    await expectApiError(response, 400, error);
    expect(await response.text()).not.toMatch(/at .*\.(js|ts):\d+/);
  }
  await expectApiError(await request.get("/api/v1/no-such-thing"), 404, "not_found");
});

test("reading the session's deadlines does not extend them", async ({ request, apiToken: token, user, db }) => {
  // Idle a minute short of the shortest limit: every tier still open.
  await ageSession(db, user.id, { idleMinutes: POLICY.idleTimeoutMinutes.high - 1 });
  const aged = (await db.session.findFirstOrThrow({ where: { userId: user.id } })).lastSeenAt;

  const response = await request.get("/api/v1/sessions/current", { headers: bearer(token) });
  expect(response.status()).toBe(200);
  const { session } = await response.json();
  expect(session.lastActivityAt).toBe(aged.toISOString());
  expect(Date.parse(session.idleExpiresAt.medium)).toBe(aged.getTime() + POLICY.idleTimeoutMinutes.medium * MINUTE_MS);
  expect((await db.session.findFirstOrThrow({ where: { userId: user.id } })).lastSeenAt).toEqual(aged);

  await request.get("/api/v1/accounts", { headers: bearer(token) });
  expect((await db.session.findFirstOrThrow({ where: { userId: user.id } })).lastSeenAt.getTime()).toBeGreaterThan(
    aged.getTime(),
  );
});

test("DELETE ends the session on the server: the same token is refused afterwards", async ({
  request,
  apiToken: token,
  user,
  db,
}) => {
  const signOut = await request.delete("/api/v1/sessions/current", { headers: bearer(token) });
  expect(signOut.status()).toBe(204);

  const replay = await request.get("/api/v1/accounts", { headers: bearer(token) });
  expect((await expectApiError(replay, 401, "unauthenticated")).reason).toBe("signed_out");
  expect(replay.headers()["www-authenticate"]).toContain("Bearer");
  expect((await db.session.findFirstOrThrow({ where: { userId: user.id } })).endReason).toBe("signed_out");
  expect(await db.securityEvent.count({ where: { userId: user.id, type: "sign_out" } })).toBe(1);
});

test("no token, or a made-up one, is a 401 with reason missing", async ({ request }) => {
  for (const headers of [
    {},
    bearer("x".repeat(43)),
    { Authorization: "Basic dXNlcjpwYXNz" },
    { Authorization: "Bearer" },
  ]) {
    const response = await request.get("/api/v1/accounts", { headers });
    expect((await expectApiError(response, 401, "unauthenticated")).reason).toBe("missing");
  }
});

test("idle limits follow the endpoint's tier: past the high limit, accounts read but a transfer is refused", async ({
  request,
  apiToken: token,
  user,
  db,
}) => {
  await ageSession(db, user.id, { idleMinutes: idleBetween("high", "medium") });
  expect((await request.get("/api/v1/accounts", { headers: bearer(token) })).status()).toBe(200);

  await ageSession(db, user.id, { idleMinutes: idleBetween("high", "medium") });
  const transfer = await request.post("/api/v1/transfers", {
    data: {},
    headers: { ...bearer(token), "Idempotency-Key": randomUUID() },
  });
  expect((await expectApiError(transfer, 401, "unauthenticated")).reason).toBe("idle");
  const row = await db.session.findFirstOrThrow({ where: { userId: user.id } });
  expect(row.endReason).toBe("idle");
  const after = await request.get("/api/v1/accounts", { headers: bearer(token) });
  expect((await expectApiError(after, 401, "unauthenticated")).reason).toBe("idle");
});

test("idle just over the medium limit ends the session on the server", async ({
  request,
  apiToken: token,
  user,
  db,
}) => {
  await ageSession(db, user.id, { idleMinutes: pastIdleLimit("medium") });
  const response = await request.get("/api/v1/accounts", { headers: bearer(token) });
  expect((await expectApiError(response, 401, "unauthenticated")).reason).toBe("idle");
  expect(await db.securityEvent.count({ where: { userId: user.id, type: "session_ended" } })).toBe(1);
});

test("a busy session still ends at its absolute lifetime", async ({ request, apiToken: token, user, db }) => {
  await ageSession(db, user.id, { ageMinutes: POLICY.absoluteLifetimeHours * 60 + 1 });
  const response = await request.get("/api/v1/sessions/current", { headers: bearer(token) });
  expect((await expectApiError(response, 401, "unauthenticated")).reason).toBe("absolute");
});

test("step-up answers a new token; the old one is dead at once", async ({ request, apiToken: old, user, db }) => {
  await makeStepUpDue(db, user);
  const oldRow = await db.session.findFirstOrThrow({ where: { userId: user.id, endedAt: null } });

  const response = await apiStepUpAttempt(request, old, user.password);
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(body.token).not.toBe(old);
  expect(response.headers()["set-cookie"]).toBeUndefined();
  expect(Date.parse(body.session.stepUpFreshUntil)).toBeGreaterThan(
    Date.now() + (POLICY.stepUpFreshnessMinutes - 1) * MINUTE_MS,
  );

  const newRow = await db.session.findFirstOrThrow({ where: { userId: user.id, endedAt: null } });
  expect(newRow.clientType).toBe("api");
  expect(newRow.familyId).toBe(oldRow.familyId);
  expect(newRow.expiresAt).toEqual(oldRow.expiresAt);
  expect((await db.session.findUniqueOrThrow({ where: { id: oldRow.id } })).endReason).toBe("rotated");

  const replay = await request.get("/api/v1/accounts", { headers: bearer(old) });
  expect((await expectApiError(replay, 401, "unauthenticated")).reason).toBe("rotated");
  expect((await request.get("/api/v1/accounts", { headers: bearer(body.token) })).status()).toBe(200);
});

test("the old token replayed after the grace window ends the whole sign-in and records the theft", async ({
  request,
  apiToken: stolen,
  user,
  db,
}) => {
  const current = await apiStepUp(request, stolen, user.password);
  await setRotationAge(db, user.id, 60);

  const replay = await request.get("/api/v1/accounts", { headers: bearer(stolen) });
  expect((await expectApiError(replay, 401, "unauthenticated")).reason).toBe("reused");
  expect(await db.securityEvent.count({ where: { userId: user.id, type: "reuse_detected" } })).toBe(1);
  expect(await db.session.count({ where: { userId: user.id, endedAt: null } })).toBe(0);

  const owner = await request.get("/api/v1/accounts", { headers: bearer(current) });
  expect((await expectApiError(owner, 401, "unauthenticated")).reason).toBe("reused");
});

test("a wrong step-up password is a 403 that counts down, the token unchanged", async ({
  request,
  apiToken: token,
}) => {
  const response = await apiStepUpAttempt(request, token, "not-my-password");
  const body = await expectApiError(response, 403, "wrong_password");
  expect(body.attemptsLeft).toBe(POLICY.stepUpMaxFailures - 1);
  expect((await request.get("/api/v1/accounts", { headers: bearer(token) })).status()).toBe(200);
  await expectApiError(
    await request.post("/api/v1/sessions/current/step-up", { data: "{", headers: bearer(token) }),
    400,
    "malformed_json",
  );
});
