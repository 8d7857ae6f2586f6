// The policy decision at every boundary: idle per tier, absolute lifetime, ended and disabled.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isTierOpen, openTierAt } from "./liveness";
import { POLICY_PRESETS, TIERS, TOP_TIER, type Tier } from "./policy";
import type { SessionWithUser } from "./store";
import { checkSession } from "./validate";

const policy = POLICY_PRESETS.default;
const NOW = new Date("2026-01-01T12:00:00Z");
const MINUTE = 60_000;

function session(overrides: Partial<SessionWithUser> = {}): SessionWithUser {
  return {
    id: "s1",
    tokenHash: "h".repeat(64),
    userId: "u1",
    clientType: "web",
    familyId: "f1",
    rotatedFromId: null,
    rotatedReason: null,
    createdAt: NOW,
    lastSeenAt: NOW,
    authenticatedAt: NOW,
    credentialGeneration: 0,
    stepUpFailures: 0,
    // A new session: every tier open.
    openTier: TOP_TIER,
    elevatedAt: null,
    expiresAt: new Date(NOW.getTime() + 12 * 60 * MINUTE),
    endedAt: null,
    endReason: null,
    userAgent: null,
    ip: null,
    user: {
      id: "u1",
      email: "a@b.test",
      name: "A",
      role: "customer",
      disabledAt: null,
      lockedAt: null,
      passwordChangedAt: NOW,
      credentialGeneration: 0,
      generationEndReason: null,
      createdAt: NOW,
    },
    ...overrides,
  };
}

const idleFor = (minutes: number) => session({ lastSeenAt: new Date(NOW.getTime() - minutes * MINUTE) });

describe("checkSession", () => {
  for (const tier of TIERS) {
    const limit = policy.idleTimeoutMinutes[tier];
    it(`accepts a ${tier}-tier request idle just under ${limit} minutes`, () => {
      assert.equal(checkSession(idleFor(limit - 0.5), tier, NOW, policy).ok, true);
    });
    it(`ends a ${tier}-tier request idle just over ${limit} minutes`, () => {
      assert.deepEqual(checkSession(idleFor(limit + 0.5), tier, NOW, policy), {
        ok: false,
        reason: "idle",
        endNow: "idle",
      });
    });
  }

  it("lets 16 idle minutes open a medium page but not a high one, and lowers the ceiling", () => {
    const medium = checkSession(idleFor(16), "medium", NOW, policy);
    assert.ok(medium.ok && medium.openTier !== "high", JSON.stringify(medium));
    assert.equal(checkSession(idleFor(16), "high", NOW, policy).ok, false);
  });

  it("keeps a tier closed once a gap closed it, however recent the last activity", () => {
    const closedHigh = session({ openTier: "medium" });
    assert.deepEqual(checkSession(closedHigh, "high", NOW, policy), { ok: false, reason: "idle", endNow: "idle" });
    assert.deepEqual(checkSession(closedHigh, "low", NOW, policy), { ok: true, openTier: "medium" });
    const onlyLow = session({ openTier: "low" });
    assert.equal(checkSession(onlyLow, "medium", NOW, policy).ok, false);
  });

  it("ends a session at its absolute deadline however active it is", () => {
    const result = checkSession(session({ expiresAt: NOW }), "low", NOW, policy);
    assert.deepEqual(result, { ok: false, reason: "absolute", endNow: "absolute" });
  });

  it("names an admin session's own deadline when it is the one that passed", () => {
    const result = checkSession(session({ expiresAt: NOW, elevatedAt: NOW }), "low", NOW, policy);
    assert.deepEqual(result, { ok: false, reason: "admin_absolute", endNow: "admin_absolute" });
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

describe("openTierAt", () => {
  const at = (minutes: number, openTier: Tier = TOP_TIER) =>
    openTierAt({ openTier, lastSeenAt: new Date(NOW.getTime() - minutes * MINUTE) }, NOW, policy);

  it("closes every tier whose idle limit the gap exceeded", () => {
    assert.equal(at(0), TOP_TIER);
    TIERS.forEach((tier, i) => {
      const limit = policy.idleTimeoutMinutes[tier];
      assert.equal(at(limit), tier, `idle exactly ${limit} minutes`);
      assert.equal(at(limit + 0.1), TIERS[i - 1] ?? null, `idle just over ${limit} minutes`);
    });
  });

  it("never raises the stored ceiling", () => {
    assert.equal(at(0, "medium"), "medium");
    assert.equal(at(0, "low"), "low");
    assert.equal(at(31, "medium"), "low");
  });

  it("treats an unknown stored value as the lowest tier", () => {
    assert.equal(at(0, "bogus" as Tier), TIERS[0]);
  });
});

describe("isTierOpen", () => {
  it("allows a tier at or under the ceiling, nothing when every tier closed", () => {
    assert.equal(isTierOpen("medium", "low"), true);
    assert.equal(isTierOpen("medium", "medium"), true);
    assert.equal(isTierOpen("medium", "high"), false);
    assert.equal(isTierOpen(null, "low"), false);
  });
});
