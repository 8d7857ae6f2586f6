import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MAX_TRANSFER_CENTS, parseAmount } from "./amount";

describe("parseAmount", () => {
  it("turns dollars and cents into integer cents", () => {
    assert.deepEqual(parseAmount("12.34"), { ok: true, cents: 1234 });
    assert.deepEqual(parseAmount("5"), { ok: true, cents: 500 });
    assert.deepEqual(parseAmount("0.5"), { ok: true, cents: 50 });
    assert.deepEqual(parseAmount(" 7.05 "), { ok: true, cents: 705 });
    assert.deepEqual(parseAmount("10000"), { ok: true, cents: MAX_TRANSFER_CENTS });
  });

  it("refuses everything that is not a plain positive amount, with a reason", () => {
    const cases: Record<string, RegExp> = {
      "": /Enter an amount/,
      "-5": /positive/,
      "0": /greater than zero/,
      "0.00": /greater than zero/,
      "1.234": /two decimal places/,
      "1e3": /like 12.34/,
      "0x10": /like 12.34/,
      "1,000": /like 12.34/,
      NaN: /like 12.34/,
      Infinity: /like 12.34/,
      "+5": /like 12.34/,
      "10000.01": /at most \$10,000.00/,
      "99999999999999999999": /like 12.34/,
    };
    for (const [input, message] of Object.entries(cases)) {
      const result = parseAmount(input);
      assert.equal(result.ok, false, input);
      if (!result.ok) assert.match(result.message, message, input);
    }
  });
});
