import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { centsToDecimal, formatAmount, formatCents } from "./money";

describe("centsToDecimal", () => {
  it("writes cents as a dollar string with exactly two places", () => {
    assert.equal(centsToDecimal(250_000), "2500.00");
    assert.equal(centsToDecimal(1234), "12.34");
    assert.equal(centsToDecimal(5), "0.05");
    assert.equal(centsToDecimal(0), "0.00");
    assert.equal(centsToDecimal(-1230), "-12.30");
    assert.equal(centsToDecimal(-7), "-0.07");
  });
});

describe("formatCents and formatAmount", () => {
  it("write balances plainly and ledger amounts with their sign, both ways", () => {
    assert.equal(formatCents(412_500), "$4,125.00");
    assert.equal(formatAmount(412_500), "+$4,125.00");
    assert.equal(formatAmount(-1230), "-$12.30");
    assert.equal(formatAmount(0), "$0.00");
  });
});
