import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cleanupIntervalMinutes, startupProblems, trustedProxyCount } from "./env";

// What server.mjs provides, so each case below differs from a good start-up in one thing only.
const STARTED_BY_SERVER = { NODE_ENV: "development", VAULTLINE_PEER_KEY: "key" } as const;

describe("start-up checks", () => {
  it("start cleanly under server.mjs", () => {
    assert.deepEqual(startupProblems({ ...STARTED_BY_SERVER }), []);
  });

  it("refuse plain `next start` / `next dev`: the app could not know the client's address", () => {
    assert.match(startupProblems({ NODE_ENV: "development" }).join("\n"), /server\.mjs/);
  });

  it("refuse a TRUSTED_PROXY_COUNT that is not a whole number", () => {
    for (const value of ["-1", "1.5", "one", "1,2", "99999999999999999999"]) {
      assert.match(startupProblems({ ...STARTED_BY_SERVER, TRUSTED_PROXY_COUNT: value }).join("\n"), /TRUSTED_PROXY_COUNT/, value);
    }
  });
});

describe("trustedProxyCount", () => {
  it("is none unless the deployer says otherwise", () => {
    assert.equal(trustedProxyCount({}), 0);
    assert.equal(trustedProxyCount({ TRUSTED_PROXY_COUNT: "" }), 0);
    assert.equal(trustedProxyCount({ TRUSTED_PROXY_COUNT: " 2 " }), 2);
  });
});

describe("cleanupIntervalMinutes", () => {
  it("is 15 unless set, 0 turns the job off, and anything but whole minutes stops the server", () => {
    assert.equal(cleanupIntervalMinutes({}), 15);
    assert.equal(cleanupIntervalMinutes({ SESSION_CLEANUP_INTERVAL_MINUTES: " " }), 15);
    assert.equal(cleanupIntervalMinutes({ SESSION_CLEANUP_INTERVAL_MINUTES: " 7 " }), 7);
    assert.equal(cleanupIntervalMinutes({ SESSION_CLEANUP_INTERVAL_MINUTES: "0" }), 0);
    assert.equal(cleanupIntervalMinutes({ SESSION_CLEANUP_INTERVAL_MINUTES: "35791" }), 35791);
    // Longer than a Node timer can wait: it would run the cleanup every millisecond instead.
    assert.throws(() => cleanupIntervalMinutes({ SESSION_CLEANUP_INTERVAL_MINUTES: "35792" }), /at most 35791/);
    for (const bad of ["x", " 1.5 ", "-5", "15m"]) {
      assert.throws(() => cleanupIntervalMinutes({ SESSION_CLEANUP_INTERVAL_MINUTES: bad }), new RegExp(`not "${bad.trim()}"`));
      assert.ok(startupProblems({ NODE_ENV: "production", NEXTAUTH_SECRET: "s", VAULTLINE_PEER_KEY: "k", SESSION_CLEANUP_INTERVAL_MINUTES: bad }).some((p) => p.startsWith("SESSION_CLEANUP_INTERVAL_MINUTES")));
    }
  });
});
