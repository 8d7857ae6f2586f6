import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FLAW_NAMES, flawOn, labStartupRefusal, parseFlaws } from "./flaws";

describe("lab flaws", () => {
  it("parses names, all, and nothing", () => {
    assert.deepEqual(parseFlaws("fixation, readable-cookie"), ["fixation", "readable-cookie"]);
    assert.deepEqual(parseFlaws("all"), FLAW_NAMES);
    assert.deepEqual(parseFlaws(undefined), []);
  });

  it("refuses unknown names so a typo never runs a lab as if it were secure", () => {
    assert.throws(() => parseFlaws("fixaton"), /Unknown lab flaw/);
  });

  it("refuses to start with flaws unless LAB_ALLOW=1, whatever NODE_ENV says", () => {
    for (const value of ["production", "Production", "staging", "test", "development", undefined]) {
      const NODE_ENV = value as NodeJS.ProcessEnv["NODE_ENV"];
      assert.match(labStartupRefusal({ NODE_ENV, LAB_FLAWS: "all" }) ?? "", /Refusing to start/, String(NODE_ENV));
      assert.match(labStartupRefusal({ NODE_ENV, LAB_FLAWS: "fixation", LAB_ALLOW: "true" }) ?? "", /Refusing to start/, String(NODE_ENV));
      assert.equal(labStartupRefusal({ NODE_ENV, LAB_FLAWS: "all", LAB_ALLOW: "1" }), undefined);
      assert.equal(labStartupRefusal({ NODE_ENV }), undefined);
    }
  });

  it("switches no defense off without LAB_ALLOW=1, even if start-up checks were skipped", () => {
    const saved = { flaws: process.env.LAB_FLAWS, allow: process.env.LAB_ALLOW };
    try {
      process.env.LAB_FLAWS = "all";
      delete process.env.LAB_ALLOW;
      assert.equal(flawOn("fixation"), false);
      process.env.LAB_ALLOW = "1";
      assert.equal(flawOn("fixation"), true);
    } finally {
      restore("LAB_FLAWS", saved.flaws);
      restore("LAB_ALLOW", saved.allow);
    }
  });
});

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
