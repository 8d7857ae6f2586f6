// The lockout decision at its boundaries: how many failures, how close together, how long ago.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { lockoutSeconds } from "./throttle";
import { SIGN_IN_THROTTLE } from "./throttle-policy";

const NOW = new Date("2026-01-01T12:00:00Z");
const MINUTE = 60_000;
const LIMIT = SIGN_IN_THROTTLE.maxFailuresPerEmail;

/** Failures this many minutes ago, newest first. */
const failuresAgo = (...minutes: number[]) => minutes.map((m) => new Date(NOW.getTime() - m * MINUTE));

describe("lockoutSeconds", () => {
  it("lets attempts through below the limit", () => {
    assert.equal(lockoutSeconds(failuresAgo(0, 0, 0, 0), LIMIT, NOW), 0);
    assert.equal(lockoutSeconds([], LIMIT, NOW), 0);
  });

  it("locks for the full lockout from the failure that reached the limit", () => {
    assert.equal(lockoutSeconds(failuresAgo(0, 1, 2, 3, 4), LIMIT, NOW), SIGN_IN_THROTTLE.lockoutMinutes * 60);
    assert.equal(lockoutSeconds(failuresAgo(5, 6, 7, 8, 9), LIMIT, NOW), (SIGN_IN_THROTTLE.lockoutMinutes - 5) * 60);
  });

  it("unlocks once the lockout has passed", () => {
    const lockout = SIGN_IN_THROTTLE.lockoutMinutes;
    assert.equal(
      lockoutSeconds(failuresAgo(lockout, lockout + 1, lockout + 2, lockout + 3, lockout + 4), LIMIT, NOW),
      0,
    );
  });

  it("does not count failures spread wider than the window", () => {
    const spread = SIGN_IN_THROTTLE.windowMinutes / (LIMIT - 1) + 0.1;
    assert.equal(lockoutSeconds(failuresAgo(0, spread, 2 * spread, 3 * spread, 4 * spread), LIMIT, NOW), 0);
  });

  it("applies the per-address limit the same way", () => {
    const many = failuresAgo(...Array.from({ length: SIGN_IN_THROTTLE.maxFailuresPerIp }, (_, i) => i * 0.5));
    assert.ok(lockoutSeconds(many, SIGN_IN_THROTTLE.maxFailuresPerIp, NOW) > 0);
    assert.equal(lockoutSeconds(many.slice(1), SIGN_IN_THROTTLE.maxFailuresPerIp, NOW), 0);
  });
});
