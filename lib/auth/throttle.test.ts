// The lockout decision at its boundaries: how many failures, how long ago, and which addresses
// count as one.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { escalatingWaitSeconds, throttleNetwork } from "./throttle";
import { SIGN_IN_THROTTLE } from "./throttle-policy";

const NOW = new Date("2026-01-01T12:00:00Z");
const MINUTE = 60_000;
const ACCOUNT = SIGN_IN_THROTTLE.account;
const STEP = ACCOUNT.failuresPerStep;
const FIRST = ACCOUNT.firstDelayMinutes;

/** `count` failures, the newest `newestMinutesAgo` ago, one minute apart, newest first. */
const failures = (count: number, newestMinutesAgo = 0) =>
  Array.from({ length: count }, (_, i) => new Date(NOW.getTime() - (newestMinutesAgo + i) * MINUTE));

describe("escalatingWaitSeconds", () => {
  it("lets attempts through below the first step", () => {
    assert.equal(escalatingWaitSeconds(failures(STEP - 1), ACCOUNT, NOW), 0);
    assert.equal(escalatingWaitSeconds([], ACCOUNT, NOW), 0);
  });

  it("waits the first delay from the failure that reached a step, then lets the next few through", () => {
    assert.equal(escalatingWaitSeconds(failures(STEP), ACCOUNT, NOW), FIRST * 60);
    assert.equal(escalatingWaitSeconds(failures(STEP, 5), ACCOUNT, NOW), (FIRST - 5) * 60);
    assert.equal(escalatingWaitSeconds(failures(STEP, FIRST), ACCOUNT, NOW), 0);
    // Checked after the wait: below the next step, no new wait however recent.
    const later = [...failures(STEP - 1), ...failures(STEP, FIRST + STEP)];
    assert.equal(escalatingWaitSeconds(later, ACCOUNT, NOW), 0);
  });

  it("doubles the wait at each further step, however slowly the failures came", () => {
    assert.equal(escalatingWaitSeconds(failures(2 * STEP, 0), ACCOUNT, NOW), 2 * FIRST * 60);
    assert.equal(escalatingWaitSeconds(failures(3 * STEP, 0), ACCOUNT, NOW), 4 * FIRST * 60);
    const spread = Array.from({ length: 2 * STEP }, (_, i) => new Date(NOW.getTime() - i * 60 * MINUTE));
    assert.equal(escalatingWaitSeconds(spread, ACCOUNT, NOW), 2 * FIRST * 60);
  });

  it("never waits longer than the maximum", () => {
    const address = SIGN_IN_THROTTLE.address;
    const many = failures(address.failuresPerStep * 12);
    assert.equal(escalatingWaitSeconds(many, address, NOW), address.maxDelayMinutes * 60);
  });
});

describe("throttleNetwork", () => {
  it("counts IPv6 by its /64 and IPv4 by the address", () => {
    assert.equal(throttleNetwork("2001:db8:1:2::3"), "2001:db8:1:2::/64");
    assert.equal(throttleNetwork("2001:db8:1:2:ffff:eeee:dddd:cccc"), "2001:db8:1:2::/64");
    assert.equal(throttleNetwork("2001:db8::1"), "2001:db8:0:0::/64");
    assert.equal(throttleNetwork("::1"), "0:0:0:0::/64");
    assert.equal(throttleNetwork("203.0.113.7"), "203.0.113.7");
    assert.equal(throttleNetwork(null), null);
  });
});
