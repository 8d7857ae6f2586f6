import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isSameTransferRequest } from "./idempotency";

const stored = { fromAccountId: "a1", toAccountNumber: "VL-1002-0001", amountCents: 1234, memo: null };
const request = { fromAccountId: "a1", toAccountNumber: "VL-1002-0001", amountCents: 1234, memo: null };

describe("isSameTransferRequest", () => {
  it("recognises a retry of the same request", () => {
    assert.equal(isSameTransferRequest(stored, request), true);
  });

  it("refuses any difference in payer, payee, amount or memo", () => {
    for (const change of [
      { fromAccountId: "a2" },
      { toAccountNumber: "VL-1003-0001" },
      { amountCents: 1235 },
      { memo: "rent" },
    ]) {
      assert.equal(isSameTransferRequest(stored, { ...request, ...change }), false, JSON.stringify(change));
    }
  });
});
