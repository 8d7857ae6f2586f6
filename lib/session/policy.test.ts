import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { POLICY_PRESETS, sessionPolicy, TIERS } from "./policy";

describe("session policy presets", () => {
  afterEach(() => { delete process.env.SESSION_POLICY; });

  it("defaults to the brief's tiers: 60 / 30 / 15 minutes idle, 12 h absolute", () => {
    const policy = sessionPolicy();
    assert.deepEqual(policy.idleTimeoutMinutes, { low: 60, medium: 30, high: 15 });
    assert.equal(policy.absoluteLifetimeHours, 12);
    assert.equal(policy.adminAbsoluteLifetimeHours, 2);
    assert.equal(policy.stepUpFreshnessMinutes, 5);
  });

  it("SESSION_POLICY=strict selects OWASP's high-value timeouts", () => {
    process.env.SESSION_POLICY = "strict";
    const policy = sessionPolicy();
    assert.deepEqual(policy.idleTimeoutMinutes, { low: 20, medium: 10, high: 5 });
    assert.equal(policy.absoluteLifetimeHours, 4);
  });

  it("refuses an unknown preset instead of silently running the default", () => {
    process.env.SESSION_POLICY = "lenient";
    assert.throws(() => sessionPolicy(), /Unknown SESSION_POLICY/);
  });

  it("never gives a more sensitive tier a longer idle limit (the tier ceiling relies on it)", () => {
    for (const preset of Object.values(POLICY_PRESETS)) {
      const limits = TIERS.map((tier) => preset.idleTimeoutMinutes[tier]);
      assert.deepEqual([...limits].sort((a, b) => b - a), limits);
    }
  });
});
