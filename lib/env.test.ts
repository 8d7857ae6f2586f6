import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { appOrigin, ENV_VARIABLES, parseEnv, startupProblems, startupRefusal, type ServerEnv } from "./env";

// What server.mjs provides, so each case below differs from a good start-up in one thing only.
const STARTED_BY_SERVER = { NODE_ENV: "development", VAULTLINE_PEER_KEY: "key" } as const;
// A production deployment that is fine: HTTPS, a long secret, PostgreSQL.
const PRODUCTION = {
  NODE_ENV: "production",
  VAULTLINE_PEER_KEY: "key",
  NEXTAUTH_SECRET: "k3Vh0rN8f1l2m9ZqPw7sT4xYb6cDe5gA",
  NEXTAUTH_URL: "https://bank.example.com",
  DATABASE_URL: "postgresql://vaultline@db.internal:5432/vaultline",
} as const;

function problemsWith(base: Record<string, string>, change: Record<string, string | undefined>): string {
  return startupProblems({ ...base, ...change }).join("\n");
}

function parsed(raw: Record<string, string>): ServerEnv {
  const result = parseEnv(raw);
  assert.ok(result.ok, result.ok ? "" : result.problems.join("\n"));
  return result.env;
}

describe("start-up checks", () => {
  it("start cleanly under server.mjs, in development and in a safe production", () => {
    assert.deepEqual(startupProblems({ ...STARTED_BY_SERVER }), []);
    assert.deepEqual(startupProblems({ ...PRODUCTION }), []);
  });

  it("refuse plain `next start` / `next dev`: the app could not know the client's address", () => {
    assert.match(startupProblems({ NODE_ENV: "development" }).join("\n"), /server\.mjs/);
  });

  it("name the variable in every message, one message per bad variable", () => {
    const problems = startupProblems({
      ...STARTED_BY_SERVER,
      PORT: "http",
      TRUSTED_PROXY_COUNT: "one",
      SESSION_POLICY: "lenient",
    });
    assert.equal(problems.length, 3);
    assert.match(problems[0] ?? "", /^PORT must be a port number, not "http"/);
    assert.match(problems[1] ?? "", /^TRUSTED_PROXY_COUNT must be the number of proxies/);
    assert.match(problems[2] ?? "", /^SESSION_POLICY must be one of default, strict, not "lenient"/);
  });

  it("refuse a TRUSTED_PROXY_COUNT that is not a whole number", () => {
    for (const value of ["-1", "1.5", "one", "1,2", "99999999999999999999"]) {
      assert.match(problemsWith(STARTED_BY_SERVER, { TRUSTED_PROXY_COUNT: value }), /^TRUSTED_PROXY_COUNT/, value);
    }
  });

  it("refuse addresses that are not http(s), and a DATABASE_URL for another database", () => {
    assert.match(
      problemsWith(STARTED_BY_SERVER, { NEXTAUTH_URL: "bank.example.com" }),
      /^NEXTAUTH_URL must be an http:\/\/ or https:\/\/ address/,
    );
    // LAB ONLY
    assert.match(
      problemsWith(STARTED_BY_SERVER, { LAB_ATTACKER_URL: "javascript:alert(1)" }),
      /^LAB_ATTACKER_URL must be/,
    );
    // END LAB ONLY
    assert.match(
      problemsWith(STARTED_BY_SERVER, { DATABASE_URL: "mysql://db/bank" }),
      /^DATABASE_URL must start with file:, postgres:\/\/ or postgresql:\/\//,
    );
  });

  it("refuse switches set to anything but 1, rather than guess what was meant", () => {
    const switches = ["ALLOW_PLAIN_HTTP", "ALLOW_WEAK_PASSWORD_HASH"];
    // LAB ONLY
    switches.push("LAB_ALLOW");
    // END LAB ONLY
    for (const name of switches) {
      assert.match(problemsWith(STARTED_BY_SERVER, { [name]: "true" }), new RegExp(`^${name} must be 1 .* not "true"`));
    }
  });
});

describe("production refuses unsafe settings", () => {
  it("a missing or short secret", () => {
    assert.match(problemsWith(PRODUCTION, { NEXTAUTH_SECRET: undefined }), /^NEXTAUTH_SECRET is not set/);
    assert.match(problemsWith(PRODUCTION, { NEXTAUTH_SECRET: "  " }), /^NEXTAUTH_SECRET is not set/);
    assert.match(
      problemsWith(PRODUCTION, { NEXTAUTH_SECRET: "changeme" }),
      /^NEXTAUTH_SECRET is 8 characters long; use at least 32/,
    );
  });

  it("plain HTTP, unless ALLOW_PLAIN_HTTP=1 says it is on purpose", () => {
    assert.match(
      problemsWith(PRODUCTION, { NEXTAUTH_URL: "http://bank.example.com" }),
      /^NEXTAUTH_URL is plain HTTP \(http:\/\/bank\.example\.com\)/,
    );
    assert.match(
      problemsWith(PRODUCTION, { NEXTAUTH_URL: undefined }),
      /^NEXTAUTH_URL is unset \(so http:\/\/localhost:3000\)/,
    );
    assert.equal(problemsWith(PRODUCTION, { NEXTAUTH_URL: "http://localhost:3000", ALLOW_PLAIN_HTTP: "1" }), "");
  });

  it("a bcrypt cost below 12, unless ALLOW_WEAK_PASSWORD_HASH=1 says it is a test server", () => {
    assert.match(
      problemsWith(PRODUCTION, { PASSWORD_HASH_COST: "10" }),
      /^PASSWORD_HASH_COST=10 is below 12: stolen password hashes would be cheap to crack/,
    );
    assert.equal(problemsWith(PRODUCTION, { PASSWORD_HASH_COST: "4", ALLOW_WEAK_PASSWORD_HASH: "1" }), "");
    assert.equal(problemsWith(PRODUCTION, { PASSWORD_HASH_COST: "14" }), "");
    assert.equal(problemsWith(PRODUCTION, { PASSWORD_HASH_COST: undefined }), "");
    for (const cost of ["3", "32", "twelve", "12.5"]) {
      assert.match(
        problemsWith(PRODUCTION, { PASSWORD_HASH_COST: cost }),
        /^PASSWORD_HASH_COST must be a bcrypt cost from 4 to 31/,
      );
    }
  });

  it("an SQLite file someone configured in a temporary directory", () => {
    for (const dir of [tmpdir(), "/var/tmp", "/dev/shm/vaultline"]) {
      const url = `file:${path.join(dir, "bank.db")}`;
      assert.match(
        problemsWith(PRODUCTION, { DATABASE_URL: url }),
        /^DATABASE_URL is an SQLite file in a temporary directory/,
        url,
      );
    }
    assert.equal(problemsWith(PRODUCTION, { DATABASE_URL: "file:./prisma/dev.db" }), "");
    // Development may keep its database wherever it likes.
    assert.equal(problemsWith(STARTED_BY_SERVER, { DATABASE_URL: `file:${path.join(tmpdir(), "bank.db")}` }), "");
  });

  it("but never the databases Vaultline makes for itself, wherever the clone sits", () => {
    const clone = mkdtempSync(path.join(tmpdir(), "vaultline-clone-"));
    const cwd = process.cwd();
    process.chdir(clone);
    try {
      const own = [
        undefined,
        "file:./prisma/dev.db",
        // LAB ONLY
        "file:./prisma/lab.db",
        // END LAB ONLY
        `file:${path.join(clone, ".e2e", "1-secure.db")}`,
      ];
      for (const url of own) assert.equal(problemsWith(PRODUCTION, { DATABASE_URL: url }), "", url);
      // One someone configured beside them is still refused: the system may clean the folder.
      assert.match(
        problemsWith(PRODUCTION, { DATABASE_URL: "file:./prisma/bank.db" }),
        /^DATABASE_URL is an SQLite file in a temporary directory/,
      );
    } finally {
      process.chdir(cwd);
      rmSync(clone, { recursive: true, force: true });
    }
  });

  it("each refusal says the server refuses to start, why, and the setting to change", () => {
    const refusal = startupRefusal(
      startupProblems({
        ...PRODUCTION,
        DATABASE_URL: `file:${path.join(tmpdir(), "bank.db")}`,
        NEXTAUTH_SECRET: "short",
      }),
    );
    assert.match(refusal, /^\[vaultline\] Refusing to start \(2 problems\):\n  - /);
    assert.match(refusal, /NEXTAUTH_SECRET is 5 characters long; use at least 32 random ones/);
    assert.match(refusal, /the system may delete it, .* Set DATABASE_URL to a file outside temporary directories/);
  });

  // LAB ONLY
  it("lab flaws without LAB_ALLOW=1", () => {
    assert.match(
      startupRefusal(startupProblems({ ...PRODUCTION, LAB_FLAWS: "all" })),
      /LAB_FLAWS=all switches off security defenses.* Unset LAB_FLAWS/,
    );
    assert.match(
      problemsWith(PRODUCTION, { LAB_FLAWS: "fixation" }),
      /^LAB_FLAWS=fixation switches off security defenses/,
    );
    assert.match(
      problemsWith(PRODUCTION, { LAB_FLAWS: "fixaton", LAB_ALLOW: "1" }),
      /^LAB_FLAWS Unknown lab flaw\(s\): fixaton/,
    );
  });

  it("a lab without its key, or with a short one: anyone reaching the port would own the console", () => {
    for (const base of [PRODUCTION, STARTED_BY_SERVER]) {
      assert.match(problemsWith(base, { LAB_ALLOW: "1" }), /^LAB_ALLOW=1 needs LAB_KEY/);
      assert.match(problemsWith(base, { LAB_ALLOW: "1", LAB_KEY: "k".repeat(31) }), /^LAB_KEY is 31 characters long/);
      assert.equal(problemsWith(base, { LAB_ALLOW: "1", LAB_KEY: "k".repeat(32) }), "");
    }
  });
  // END LAB ONLY

  it("but not in development, which runs on a generated secret over http://localhost", () => {
    assert.equal(problemsWith(STARTED_BY_SERVER, { NEXTAUTH_SECRET: "short" }), "");
  });
});

describe("settings", () => {
  it("have defaults for everything a fresh clone leaves unset, blank included", () => {
    const env = parsed({
      TRUSTED_PROXY_COUNT: "",
      SESSION_CLEANUP_INTERVAL_MINUTES: " ",
      // LAB ONLY
      LAB_FLAWS: "",
      // END LAB ONLY
    });
    assert.equal(env.NODE_ENV, undefined);
    assert.equal(env.PORT, 3000);
    assert.equal(env.DATABASE_URL, "file:./prisma/dev.db");
    assert.equal(env.TRUSTED_PROXY_COUNT, 0);
    assert.equal(env.SESSION_CLEANUP_INTERVAL_MINUTES, 15);
    assert.equal(env.SESSION_POLICY, "default");
    // LAB ONLY
    assert.deepEqual(env.LAB_FLAWS, []);
    assert.equal(env.LAB_ALLOW, false);
    // END LAB ONLY
    assert.equal(appOrigin(env), "http://localhost:3000");
  });

  it("keep an address as its origin, so same-origin checks compare like with like", () => {
    assert.equal(appOrigin(parsed({ NEXTAUTH_URL: "https://bank.example.com/" })), "https://bank.example.com");
    // LAB ONLY
    assert.equal(parsed({ LAB_ATTACKER_URL: "http://127.0.0.1:4000//" }).LAB_ATTACKER_URL, "http://127.0.0.1:4000");
    // END LAB ONLY
  });

  it("SESSION_CLEANUP_INTERVAL_MINUTES: 0 turns the job off; more than a Node timer holds is refused", () => {
    assert.equal(parsed({ SESSION_CLEANUP_INTERVAL_MINUTES: " 7 " }).SESSION_CLEANUP_INTERVAL_MINUTES, 7);
    assert.equal(parsed({ SESSION_CLEANUP_INTERVAL_MINUTES: "0" }).SESSION_CLEANUP_INTERVAL_MINUTES, 0);
    assert.equal(parsed({ SESSION_CLEANUP_INTERVAL_MINUTES: "35791" }).SESSION_CLEANUP_INTERVAL_MINUTES, 35791);
    // Longer than a Node timer can wait: it would run the cleanup every millisecond instead.
    assert.match(problemsWith(STARTED_BY_SERVER, { SESSION_CLEANUP_INTERVAL_MINUTES: "35792" }), /up to 35791/);
    for (const bad of ["x", " 1.5 ", "-5", "15m"]) {
      assert.match(
        problemsWith(STARTED_BY_SERVER, { SESSION_CLEANUP_INTERVAL_MINUTES: bad }),
        new RegExp(`^SESSION_CLEANUP_INTERVAL_MINUTES .*not "${bad.trim()}"`),
      );
    }
  });
});

describe(".env.example", () => {
  it("documents every variable the app reads", () => {
    const example = readFileSync(path.join(__dirname, "..", ".env.example"), "utf8");
    // Set by server.mjs at every start (the peer key afresh each time); nobody configures them.
    const setByTheServer = ["NODE_ENV", "VAULTLINE_PEER_KEY"];
    for (const name of ENV_VARIABLES.filter((n) => !setByTheServer.includes(n))) {
      assert.match(example, new RegExp(`^(# )?${name}=`, "m"), name);
    }
  });
});
