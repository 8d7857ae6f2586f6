// The lab key: what makes a lab console its trainer's alone. A lab server switches defenses off
// and resets every account at one request, so whoever can reach its port must not thereby own
// it. `npm run lab` draws a fresh key for each start and passes it in LAB_KEY; it prints an
// address carrying the key, as Jupyter prints its token, and the console asks for it once per
// browser. proxy.ts refuses every lab request without it; the console's page, route and actions
// check it again (lib/lab/guard.ts).
//
// What the browser keeps is not the key but an HMAC of a fixed label under the key. The cookie
// alone never yields the key (so it cannot be typed into another browser's prompt or shown to a
// room from a cookie viewer), the server stores nothing to compare it with, and a new lab start,
// with a new key, voids every cookie of the last one. The key presented at the prompt is
// compared in constant time: SHA-256 of both sides, so the lengths always match, then
// timingSafeEqual, which leaks neither a prefix nor the key's length.
//
// No "server-only" marker: scripts/lab.ts draws the key and prints its address with this module.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** 32 random bytes, base64url: 43 characters, 256 bits from the platform CSPRNG. */
export function newLabKey(): string {
  return randomBytes(32).toString("base64url");
}

/** At least 128 bits however it is written (22 base64url characters; lib/env.ts asks for 32). */
export const MIN_LAB_KEY_LENGTH = 32;

/** The query parameter of the address `npm run lab` prints. */
export const LAB_KEY_PARAMETER = "key";

/** The address that opens the console and lets this browser in (then redirects to the clean /lab). */
export function labKeyUrl(bankOrigin: string, key: string): string {
  const url = new URL("/lab", bankOrigin);
  url.searchParams.set(LAB_KEY_PARAMETER, key);
  return url.href;
}

/** True when `presented` is the lab's key; constant time whatever either is. */
export function isLabKey(presented: string | null | undefined, key: string | undefined): boolean {
  if (!key || typeof presented !== "string") return false;
  return timingSafeEqual(sha256(presented), sha256(key));
}

/** The cookie that says "this browser was given the key": its name decided here only. */
export function labCookieName(https: boolean): string {
  return https ? "__Host-vaultline-lab" : "vaultline-lab";
}

/**
 * HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), Path=/ (the
 * __Host- prefix needs it over HTTPS), no lifetime: it ends with the browser, as the lab does.
 */
export function labCookieAttributes(https: boolean) {
  return { httpOnly: true, sameSite: "strict", path: "/", secure: https } as const;
}

/** The cookie's value for the lab running with `key`. */
export function labAccessToken(key: string): string {
  return createHmac("sha256", key).update("vaultline lab console access").digest("base64url");
}

/** True when `cookie` is the access token of the lab running with `key`; constant time. */
export function grantsLabAccess(cookie: string | undefined, key: string | undefined): boolean {
  if (!key || cookie === undefined) return false;
  return timingSafeEqual(sha256(cookie), sha256(labAccessToken(key)));
}

function sha256(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}
