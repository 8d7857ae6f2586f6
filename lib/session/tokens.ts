// Session tokens: what the browser holds (an opaque random string) and what the database holds
// (its SHA-256). A stolen database row cannot be replayed as a cookie, and events and logs
// carry only a short fingerprint of the hash.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { flawOn } from "@/lib/lab/flaws";
import { TOKEN_POLICY } from "./policy";

/** 256 bits from the platform CSPRNG, base64url: 43 characters, nothing guessable in it. */
export function generateSessionToken(): string {
  return randomBytes(TOKEN_POLICY.tokenBytes).toString("base64url");
}

// LAB ONLY
// On globalThis because the sign-in route and the server actions are bundled apart, each with
// its own copy of this module: two counters would hand one user the same token twice.
const guessable = globalThis as typeof globalThis & { vaultlineLastGuessableStamp?: number };

/**
 * Only the weak-token lab flaw issues these: the issue time in seconds (the next free second if
 * that one is taken, so no two are alike) and the owner's email, in a real token's shape.
 * Decode your own and you can write anyone's: change the email, count back the seconds.
 */
export function guessableToken(email: string): string {
  const stamp = Math.max(Math.floor(Date.now() / 1000), (guessable.vaultlineLastGuessableStamp ?? 0) + 1);
  guessable.vaultlineLastGuessableStamp = stamp;
  return weakLayout(stamp, email);
}

/** "<unix seconds>.<email>", dot-padded (or cut) to a real token's bytes: what weak-token issues. */
export function weakLayout(stamp: number, email: string): string {
  const bytes = Buffer.alloc(TOKEN_POLICY.tokenBytes, ".");
  bytes.write(`${stamp}.${email}`);
  return bytes.toString("base64url");
}
// END LAB ONLY

/** Cheap shape check before any database lookup; anything else is not a token of ours. */
export function isWellFormedToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}

/**
 * What the database keeps for a token, and looks it up by: its SHA-256. Every row written and
 * every lookup goes through here, so one rule holds for sign-in, rotation and validation.
 */
export function hashToken(token: string): string {
  // LAB FLAW plaintext-tokens: the database keeps the token itself, so whoever reads the sessions
  // table (a leaked backup, a replica, an injected query) holds every live session.
  if (flawOn("plaintext-tokens")) return token;
  return createHash("sha256").update(token).digest("hex");
}

/** Identifies a session in events, logs and the inspector without revealing anything usable. */
export function fingerprint(tokenHash: string): string {
  return tokenHash.slice(0, TOKEN_POLICY.fingerprintLength);
}
