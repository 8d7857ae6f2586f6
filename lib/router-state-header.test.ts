import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isUnreadableRouterState } from "./router-state-header.mjs";

const encode = (tree: unknown) => encodeURIComponent(JSON.stringify(tree));

describe("a Next-Router-State-Tree header Next could not parse", () => {
  it("is not the client router's own: static and dynamic segments, urls, refresh markers", () => {
    const page = ["__PAGE__", {}, null, null];
    const account = [["id", "acc_1", "d", null], { children: page }, ["/accounts/acc_1", "/accounts/acc_1"], "refetch"];
    const tree = ["", { children: ["(bank)", { children: ["accounts", { children: account }] }, null, null, 1] }];
    assert.equal(isUnreadableRouterState(encode(tree)), false);
    assert.equal(isUnreadableRouterState(undefined), false, "no header: nothing to read");
  });

  it("is anything else: not encoded JSON, the wrong shape, a tree nested past 64, over 40,000 characters", () => {
    const deep = Array.from({ length: 100 }).reduce<unknown>((child) => ["x", { children: child }], ["", {}]);
    for (const header of [
      "garbage",
      "%ff%fe",
      encode({ children: [] }),
      encode(["", []].concat(["a", "b", "c", "d", "e"])),
      encode([["id", "x", "not-a-type", null], {}]),
      encode(["", { children: "not a tree" }]),
      encode(["", {}, null, "sometimes"]),
      encode(deep),
      encode(["", {}, null, null, null, "x".repeat(40_000)]),
    ]) {
      assert.equal(isUnreadableRouterState(header), true, header.slice(0, 40));
    }
  });
});
