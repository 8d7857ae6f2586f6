// Threat: secrets in logs. Whoever reads a server's output — an operator, a log service, an
// attacker with a foothold on a log host — must find nothing there to replay: no password, no
// bcrypt hash to crack offline, no session token, no token hash. Defense: the app logs only
// fingerprints (lib/session/tokens.ts) and never a request body, cookie or Authorization
// header. Proof: every e2e server's whole output for the run is kept (scripts/e2e-server.ts)
// and, after every other spec has run, searched for every secret the run used or issued.
// LAB ONLY
// The one log left out is the flawed server's when it runs the lab flaw `token-in-logs`, which
// writes tokens there on purpose (e2e/attacks/token-in-logs.spec.ts replays them).
// END LAB ONLY
import { readFileSync } from "node:fs";
import { apiSignIn, ownAddress } from "./support/api";
import { expect, test, TEST_PASSWORD } from "./support/fixtures";
import { findLeaks, tokenHash, type SecretsToFind } from "./support/log-secrets";
import { serverDatabaseUrl, serverLogPaths, serversToStart } from "./support/servers";
import { createDb } from "@/lib/db";
// LAB ONLY
import { parseFlaws } from "@/lib/lab/flaw-names";
import { serverFlaws, serverLogPath, type ServerName } from "./support/servers";
// END LAB ONLY
import { DEMO_USERS } from "../prisma/seed";

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The passwords the run used and the hash of every token any main server issued. */
async function secretsOfTheRun(): Promise<SecretsToFind> {
  const tokenHashes = new Set<string>();
  for (const name of serversToStart()) {
    const db = createDb(serverDatabaseUrl(name));
    try {
      for (const { tokenHash: stored } of await db.session.findMany({ select: { tokenHash: true } })) {
        // A server running the lab flaw `plaintext-tokens` stores the token itself.
        tokenHashes.add(SHA256_HEX.test(stored) ? stored : tokenHash(stored));
      }
    } finally {
      await db.$disconnect();
    }
  }
  return { passwords: [TEST_PASSWORD, ...DEMO_USERS.map((u) => u.password)], tokenHashes };
}

// LAB ONLY
function writesTokensOnPurpose(name: ServerName): boolean {
  return name === "flawed" && parseFlaws(serverFlaws(name)).includes("token-in-logs");
}
// END LAB ONLY

test("no server wrote a password, a bcrypt hash, a session token or a token hash", async () => {
  const secrets = await secretsOfTheRun();
  expect(secrets.tokenHashes.size, "the run issued sessions to look for").toBeGreaterThan(0);
  const leftOut: string[] = [];
  // LAB ONLY
  leftOut.push(...serversToStart().filter(writesTokensOnPurpose).map(serverLogPath));
  // END LAB ONLY
  const logs = serverLogPaths().filter((log) => !leftOut.includes(log));
  expect(logs.length, "every server's output was captured").toBeGreaterThanOrEqual(
    serversToStart().length - leftOut.length,
  );
  for (const log of logs) {
    const text = readFileSync(log, "utf8");
    expect(text, `${log} holds the server's output`).toContain("ready on http://localhost:");
    expect(findLeaks(text, secrets), log).toEqual([]);
  }
});

test("the search finds a token the server issued, its hash and a password (the control)", async ({ request, user }) => {
  const token = await apiSignIn(request, user, ownAddress());
  const secrets = await secretsOfTheRun();
  // As lib/session/tokens.ts stores it (that module is server-only).
  const hash = tokenHash(token);
  const leaks = findLeaks(
    `GET /api/v1/accounts?x=${token} hash=${hash} body={"password":"${TEST_PASSWORD}"} glued:ab${token}cd`,
    secrets,
  );
  expect(leaks.map((l) => l.kind)).toEqual(["password", "session token", "session token", "token hash"]);
});
