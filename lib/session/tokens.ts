// Session tokens: what the browser holds (an opaque random string) and what the database holds
// (its SHA-256). A stolen database row cannot be replayed as a cookie, and events and logs
// carry only a short fingerprint of the hash.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { TOKEN_POLICY } from "./policy";

/** 256 bits from the platform CSPRNG, base64url: 43 characters, nothing guessable in it. */
export function generateSessionToken(): string {
  return randomBytes(TOKEN_POLICY.tokenBytes).toString("base64url");
}

/** Cheap shape check before any database lookup; anything else is not a token of ours. */
export function isWellFormedToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Identifies a session in events, logs and the inspector without revealing anything usable. */
export function fingerprint(tokenHash: string): string {
  return tokenHash.slice(0, TOKEN_POLICY.fingerprintLength);
}
