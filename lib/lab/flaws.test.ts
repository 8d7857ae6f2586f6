import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FLAW_NAMES, labStartupRefusal, parseFlaws } from "./flaws";

describe("lab flaws", () => {
  it("parses names, all, and nothing", () => {
    assert.deepEqual(parseFlaws("fixation, readable-cookie"), ["fixation", "readable-cookie"]);
    assert.deepEqual(parseFlaws("all"), FLAW_NAMES);
    assert.deepEqual(parseFlaws(undefined), []);
  });

  it("refuses unknown names so a typo never runs a lab as if it were secure", () => {
    assert.throws(() => parseFlaws("fixaton"), /Unknown lab flaw/);
  });

  it("refuses to start a production server with flaws unless LAB_ALLOW=1", () => {
    assert.match(labStartupRefusal({ NODE_ENV: "production", LAB_FLAWS: "all" }) ?? "", /Refusing to start/);
    assert.equal(labStartupRefusal({ NODE_ENV: "production", LAB_FLAWS: "all", LAB_ALLOW: "1" }), undefined);
    assert.equal(labStartupRefusal({ NODE_ENV: "development", LAB_FLAWS: "all" }), undefined);
    assert.equal(labStartupRefusal({ NODE_ENV: "production" }), undefined);
  });
});
