import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { parseEnv } from "../env";
import { POLICY_PRESETS, sessionPolicy, TIERS, TOP_TIER } from "./policy";

const SCHEMA = path.resolve(__dirname, "../../prisma/sqlite/schema.prisma");

describe("session policy presets", () => {
  it("defaults to the tiers of docs/session-policy.md: 60 / 30 / 15 minutes idle, 12 h absolute", () => {
    const policy = sessionPolicy();
    assert.equal(policy.idleTimeoutMinutes.low, 60);
    assert.equal(policy.idleTimeoutMinutes.medium, 30);
    assert.equal(policy.idleTimeoutMinutes.high, 15);
    assert.equal(policy.absoluteLifetimeHours, 12);
    assert.equal(policy.adminAbsoluteLifetimeHours, 2);
    assert.equal(policy.stepUpFreshnessMinutes, 5);
  });

  it("SESSION_POLICY=strict selects OWASP's high-value timeouts", () => {
    const env = parseEnv({ SESSION_POLICY: "strict" });
    assert.ok(env.ok);
    const policy = sessionPolicy(env.env.SESSION_POLICY);
    assert.equal(policy.idleTimeoutMinutes.low, 20);
    assert.equal(policy.idleTimeoutMinutes.medium, 10);
    assert.equal(policy.idleTimeoutMinutes.high, 5);
    assert.equal(policy.absoluteLifetimeHours, 4);
  });

  it("refuses an unknown preset instead of silently running the default", () => {
    assert.deepEqual(parseEnv({ SESSION_POLICY: "lenient" }), {
      ok: false,
      problems: ['SESSION_POLICY must be one of default, strict, not "lenient".'],
    });
  });

  it("never gives a more sensitive tier a longer idle limit (the tier ceiling relies on it)", () => {
    for (const preset of Object.values(POLICY_PRESETS)) {
      const limits = TIERS.map((tier) => preset.idleTimeoutMinutes[tier]);
      assert.deepEqual(
        [...limits].sort((a, b) => b - a),
        limits,
      );
    }
  });

  it("starts a new session open to the top tier: the database default of Session.openTier is the last of TIERS", () => {
    const openTier = /^\s*openTier\s+String\s+@default\("([^"]*)"\)/m.exec(readFileSync(SCHEMA, "utf8"))?.[1];
    assert.equal(
      openTier,
      TOP_TIER,
      `a new session would not reach the "${TOP_TIER}" tier: change @default("${openTier}") of Session.openTier in prisma/sqlite/schema.prisma to "${TOP_TIER}", then run \`npm run db:migration -- open_tier_${TOP_TIER}\` (docs/adapting.md, "Add a tier")`,
    );
  });
});
