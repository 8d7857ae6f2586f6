// Finds secrets in server output: what must never be written to a log, because whoever reads
// the logs (an operator, a log service, an attacker with a foothold) could replay it.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect } from "@playwright/test";

export type SecretsToFind = {
  /** Passwords the run used (test users, demo users). */
  passwords: string[];
  /** SHA-256 hex of every session token the servers issued, as stored in their databases. */
  tokenHashes: Set<string>;
};

/** A session token as the server stores it (lib/session/tokens.ts, which is server-only): its SHA-256 hex. */
export function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export type Leak = { kind: "password" | "bcrypt hash" | "session token" | "token hash"; excerpt: string };

const BCRYPT_HASH = /\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}/g;
// Session tokens are 43 base64url characters (lib/session/tokens.ts); a candidate counts only
// when its SHA-256 is a token the server really issued, so look-alikes never match.
const TOKEN_CHARS_RUN = /[A-Za-z0-9_-]{43,}/g;
const TOKEN_LENGTH = 43;
const HEX_64 = /[0-9a-f]{64}/g;

export function findLeaks(text: string, secrets: SecretsToFind): Leak[] {
  const leaks: Leak[] = [];
  const excerpt = (at: number) => text.slice(Math.max(0, at - 60), at + 80).replace(/\s+/g, " ");
  for (const password of secrets.passwords) {
    const at = text.indexOf(password);
    if (at >= 0) leaks.push({ kind: "password", excerpt: excerpt(at) });
  }
  for (const match of text.matchAll(BCRYPT_HASH)) leaks.push({ kind: "bcrypt hash", excerpt: excerpt(match.index) });
  for (const run of text.matchAll(TOKEN_CHARS_RUN)) {
    // Every 43-character window of the run, so a token glued to other characters is found too.
    for (let offset = 0; offset + TOKEN_LENGTH <= run[0].length; offset += 1) {
      const hash = tokenHash(run[0].slice(offset, offset + TOKEN_LENGTH));
      if (secrets.tokenHashes.has(hash)) leaks.push({ kind: "session token", excerpt: excerpt(run.index + offset) });
    }
  }
  for (const match of text.matchAll(HEX_64)) {
    if (secrets.tokenHashes.has(match[0])) leaks.push({ kind: "token hash", excerpt: excerpt(match.index) });
  }
  return leaks;
}

/**
 * The lines a server wrote for this user's sign-ins (lib/session/lifecycle.ts), once at least
 * `count` of them have reached its log file: the server's output arrives there a moment later.
 */
export async function signInLogLines(logPath: string, userId: string, count: number): Promise<string[]> {
  const lines = () =>
    readFileSync(logPath, "utf8")
      .split("\n")
      .filter((line) => line.includes(`"userId":"${userId}"`) && line.includes(`"msg":"sign-in"`));
  await expect
    .poll(() => lines().length, { message: `${count} sign-in lines in ${logPath}` })
    .toBeGreaterThanOrEqual(count);
  return lines();
}
