import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseEnv } from "../env";
import { POLICY_PRESETS, sessionPolicy, TIERS } from "./policy";

describe("session policy presets", () => {
  it("defaults to the tiers of docs/session-policy.md: 60 / 30 / 15 minutes idle, 12 h absolute", () => {
    const policy = sessionPolicy();
    assert.deepEqual(policy.idleTimeoutMinutes, { low: 60, medium: 30, high: 15 });
    assert.equal(policy.absoluteLifetimeHours, 12);
    assert.equal(policy.adminAbsoluteLifetimeHours, 2);
    assert.equal(policy.stepUpFreshnessMinutes, 5);
  });

  it("SESSION_POLICY=strict selects OWASP's high-value timeouts", () => {
    const env = parseEnv({ SESSION_POLICY: "strict" });
    assert.ok(env.ok);
    const policy = sessionPolicy(env.env.SESSION_POLICY);
    assert.deepEqual(policy.idleTimeoutMinutes, { low: 20, medium: 10, high: 5 });
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
});
