// The session cookie: its name and attributes are decided here and nowhere else.
// HttpOnly (script cannot read it), SameSite=Strict, Path=/, no Domain (this host only), and no
// Max-Age/Expires (it dies with the browser; the server decides expiry). Over HTTPS it is
// Secure with the __Host- prefix, which the browser enforces: Secure, Path=/, no Domain.
import "server-only";
import { cookies } from "next/headers";
import { flawOn } from "@/lib/lab/flaws";
import { sessionPolicy, TOKEN_POLICY } from "./policy";
import { servedOverHttps } from "@/lib/env";
// LAB ONLY
import { labMode } from "@/lib/lab/flaws";
import { ISSUED_TO_COOKIE, issuedToMark } from "@/lib/lab/issued-to";
// END LAB ONLY

export type CookieAttributes = {
  httpOnly: boolean;
  sameSite: "strict" | "lax" | "none";
  path: "/";
  secure: boolean;
  // LAB ONLY
  /** Only the lab flaw persistent-cookie sets it: without it the cookie ends with the browser. */
  maxAge?: number;
  // END LAB ONLY
};

// LAB ONLY
const SECONDS_PER_HOUR = 3600;
// END LAB ONLY

export function sessionCookieName(https: boolean): string {
  return https ? `__Host-${TOKEN_POLICY.cookieName}` : TOKEN_POLICY.cookieName;
}

export function sessionCookieAttributes(https: boolean): CookieAttributes {
  const attributes: CookieAttributes = {
    // LAB FLAW readable-cookie: without HttpOnly any injected script can read the session.
    httpOnly: !flawOn("readable-cookie"),
    // LAB FLAW csrf: SameSite=None sends the cookie along with other sites' forms and frames.
    sameSite: flawOn("csrf") ? "none" : TOKEN_POLICY.sameSite,
    path: "/",
    // LAB FLAW csrf: None requires Secure, which browsers also accept on http://localhost.
    secure: flawOn("csrf") || https,
  };
  // LAB FLAW persistent-cookie: a lifetime in the browser (the session's absolute lifetime), so
  // the cookie outlives the browser: on a shared computer the next person opens the bank signed in.
  if (flawOn("persistent-cookie")) attributes.maxAge = sessionPolicy().absoluteLifetimeHours * SECONDS_PER_HOUR;
  return attributes;
}

export async function readSessionCookie(): Promise<string | undefined> {
  const jar = await cookies();
  return jar.get(sessionCookieName(servedOverHttps()))?.value;
}

export async function setSessionCookie(token: string): Promise<void> {
  const https = servedOverHttps();
  const jar = await cookies();
  jar.set(sessionCookieName(https), token, sessionCookieAttributes(https));
  // LAB ONLY
  // Which browser this session went to, for the score board (lib/lab/issued-to.ts): HttpOnly
  // whatever the flaws, so a script that reads the session cannot copy the mark.
  if (labMode()) jar.set(ISSUED_TO_COOKIE, issuedToMark(token), { ...sessionCookieAttributes(https), httpOnly: true });
  // END LAB ONLY
}

export async function clearSessionCookie(): Promise<void> {
  const https = servedOverHttps();
  const jar = await cookies();
  jar.set(sessionCookieName(https), "", { ...sessionCookieAttributes(https), maxAge: 0 });
}
