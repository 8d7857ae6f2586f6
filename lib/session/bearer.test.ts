import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { tokenInUrl } from "./bearer";
import { generateSessionToken } from "./tokens";

const url = (query: string) => new Request(`http://localhost/api/v1/accounts${query}`);

describe("tokenInUrl", () => {
  it("spots a token by its parameter name or by its shape", () => {
    for (const query of [
      "?access_token=x",
      "?token=x",
      "?TOKEN=x",
      "?sid=x",
      `?t=${generateSessionToken()}`,
      `?limit=5&x=${generateSessionToken()}`,
    ]) {
      assert.equal(tokenInUrl(url(query)), true, query);
    }
  });

  it("lets ordinary parameters through", () => {
    for (const query of ["", "?limit=25", "?limit=10&cursor=cmi1abcdefghijklmnopqrstu"]) {
      assert.equal(tokenInUrl(url(query)), false, query);
    }
  });
});
