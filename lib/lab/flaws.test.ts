import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseEnv, startupProblems, type ServerEnv } from "../env";
import { FLAW_NAMES, parseFlaws } from "./flaw-names";
import { activeFlaws, flawOn, holdSwitches, judgedWith } from "./flaws";

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
    const started = { VAULTLINE_PEER_KEY: "key", NEXTAUTH_SECRET: "s".repeat(32), ALLOW_PLAIN_HTTP: "1" };
    for (const NODE_ENV of ["production", "test", "development", undefined]) {
      assert.match(
        startupProblems({ ...started, NODE_ENV, LAB_FLAWS: "all" }).join("\n"),
        /^LAB_FLAWS=all switches off security defenses/,
        String(NODE_ENV),
      );
      assert.match(
        startupProblems({ ...started, NODE_ENV, LAB_FLAWS: "fixation", LAB_ALLOW: "true" }).join("\n"),
        /LAB_ALLOW must be 1/,
        String(NODE_ENV),
      );
      assert.deepEqual(
        startupProblems({ ...started, NODE_ENV, LAB_FLAWS: "all", LAB_ALLOW: "1", LAB_KEY: "k".repeat(32) }),
        [],
        String(NODE_ENV),
      );
      assert.deepEqual(startupProblems({ ...started, NODE_ENV }), [], String(NODE_ENV));
    }
    // A misspelt or made-up NODE_ENV is no way around it: the server does not start at all.
    for (const NODE_ENV of ["Production", "staging"]) {
      assert.match(
        startupProblems({ ...started, NODE_ENV, LAB_FLAWS: "all" }).join("\n"),
        /NODE_ENV must be development, production or test/,
      );
    }
  });

  it("switches no defense off without LAB_ALLOW=1, even if start-up checks were skipped", () => {
    assert.equal(flawOn("fixation", env({ LAB_FLAWS: "all" })), false);
    assert.equal(flawOn("fixation", env({ LAB_FLAWS: "all", LAB_ALLOW: "1" })), true);
  });

  it("follows the console's switches over LAB_FLAWS, and still switches nothing off without LAB_ALLOW=1", () => {
    try {
      holdSwitches(["readable-cookie"]);
      const lab = env({ LAB_FLAWS: "all", LAB_ALLOW: "1" });
      assert.equal(flawOn("readable-cookie", lab), true);
      assert.equal(flawOn("fixation", lab), false);
      assert.equal(flawOn("readable-cookie", env({ LAB_FLAWS: "all" })), false);
    } finally {
      delete (globalThis as Record<symbol, unknown>)[Symbol.for("vaultline.lab.switches")];
    }
  });

  it("takes a second opinion with other switches for that decision alone, however long it waits", async () => {
    const lab = env({ LAB_FLAWS: "", LAB_ALLOW: "1" });
    try {
      holdSwitches(["fixation"]);
      assert.deepEqual(
        judgedWith(["csrf"], () => activeFlaws(lab)),
        ["csrf"],
      );
      // While an awaited opinion is pending, everything else still sees the real switches.
      let release = () => {};
      const pending = judgedWith([], async () => {
        await new Promise<void>((resolve) => (release = resolve));
        return activeFlaws(lab);
      });
      assert.deepEqual(activeFlaws(lab), ["fixation"]);
      release();
      assert.deepEqual(await pending, []);
      assert.deepEqual(activeFlaws(lab), ["fixation"]);
      assert.deepEqual(
        judgedWith(["csrf"], () => activeFlaws(env({ LAB_FLAWS: "all" }))),
        [],
        "outside lab mode no opinion switches anything off",
      );
    } finally {
      delete (globalThis as Record<symbol, unknown>)[Symbol.for("vaultline.lab.switches")];
    }
  });
});

function env(raw: Record<string, string>): ServerEnv {
  const result = parseEnv(raw);
  assert.ok(result.ok);
  return result.env;
}
