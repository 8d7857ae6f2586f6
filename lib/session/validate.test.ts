// The policy decision at every boundary: idle per tier, absolute lifetime, ended and disabled.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { POLICY_PRESETS, TIERS } from "./policy";
import type { SessionWithUser } from "./store";
import { checkSession } from "./validate";

const policy = POLICY_PRESETS.default;
const NOW = new Date("2026-01-01T12:00:00Z");
const MINUTE = 60_000;

function session(overrides: Partial<SessionWithUser> = {}): SessionWithUser {
  return {
    id: "s1", tokenHash: "h".repeat(64), userId: "u1", clientType: "web", familyId: "f1",
    rotatedFromId: null, rotatedReason: null, createdAt: NOW, lastSeenAt: NOW, authenticatedAt: NOW, stepUpFailures: 0,
    tierReached: "low", elevatedAt: null, expiresAt: new Date(NOW.getTime() + 12 * 60 * MINUTE),
    endedAt: null, endReason: null, userAgent: null, ip: null,
    user: {
      id: "u1", email: "a@b.test", name: "A", passwordHash: "x", role: "customer", disabledAt: null,
      passwordChangedAt: NOW, createdAt: NOW,
    },
    ...overrides,
  };
}

const idleFor = (minutes: number) => session({ lastSeenAt: new Date(NOW.getTime() - minutes * MINUTE) });

describe("checkSession", () => {
  for (const tier of TIERS) {
    const limit = policy.idleTimeoutMinutes[tier];
    it(`accepts a ${tier}-tier request idle just under ${limit} minutes`, () => {
      assert.deepEqual(checkSession(idleFor(limit - 0.5), tier, NOW, policy), { ok: true });
    });
    it(`ends a ${tier}-tier request idle just over ${limit} minutes`, () => {
      assert.deepEqual(checkSession(idleFor(limit + 0.5), tier, NOW, policy), { ok: false, reason: "idle", endNow: "idle" });
    });
  }

  it("lets 16 idle minutes open a medium page but not a high one", () => {
    assert.equal(checkSession(idleFor(16), "medium", NOW, policy).ok, true);
    assert.equal(checkSession(idleFor(16), "high", NOW, policy).ok, false);
  });

  it("ends a session at its absolute deadline however active it is", () => {
    const result = checkSession(session({ expiresAt: NOW }), "low", NOW, policy);
    assert.deepEqual(result, { ok: false, reason: "absolute", endNow: "absolute" });
  });

  it("refuses an ended session with its recorded reason and does not end it again", () => {
    const ended = session({ endedAt: NOW, endReason: "signed_out" });
    assert.deepEqual(checkSession(ended, "low", NOW, policy), { ok: false, reason: "signed_out", endNow: null });
  });

  it("ends the session of a disabled user", () => {
    const disabled = session();
    disabled.user.disabledAt = NOW;
    assert.deepEqual(checkSession(disabled, "low", NOW, policy), { ok: false, reason: "disabled", endNow: "disabled" });
  });
});
