import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { FLAW_NAMES, FLAWS, flawOn, holdSwitches, labStartupRefusal, parseFlaws } from "./flaws";

// The seed documents sit beside the repository (`shared/seeds/`), not in it.
const SEEDS_DIR = path.resolve(__dirname, "../../../shared/seeds");

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

  it("follows the console's switches over LAB_FLAWS, and still switches nothing off without LAB_ALLOW=1", () => {
    const saved = { flaws: process.env.LAB_FLAWS, allow: process.env.LAB_ALLOW };
    try {
      process.env.LAB_FLAWS = "all";
      process.env.LAB_ALLOW = "1";
      holdSwitches(["readable-cookie"]);
      assert.equal(flawOn("readable-cookie"), true);
      assert.equal(flawOn("fixation"), false);
      delete process.env.LAB_ALLOW;
      assert.equal(flawOn("readable-cookie"), false);
    } finally {
      delete (globalThis as Record<symbol, unknown>)[Symbol.for("vaultline.lab.switches")];
      restore("LAB_FLAWS", saved.flaws);
      restore("LAB_ALLOW", saved.allow);
    }
  });

  it("quotes every seed word for word", (t) => {
    if (!existsSync(SEEDS_DIR)) return t.skip(`no seed documents at ${SEEDS_DIR}`);
    for (const name of FLAW_NAMES) {
      const { document, quote } = FLAWS[name].seed;
      const text = squeeze(readFileSync(path.join(SEEDS_DIR, document.file), "utf8"));
      assert.ok(text.includes(squeeze(quote)), `${name}: "${quote}" is not in ${document.file}`);
    }
  });
});

/** Line breaks and runs of spaces in the seeds are layout, not words. */
function squeeze(text: string): string {
  return text.replace(/\s+/g, " ");
}

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
