// Only the token-in-url lab flaw uses this file: the session ID carried in the address
// (`?sid=`), accepted as if it were the cookie and written into links, as jsessionid-style URL
// rewriting once did. A URL is copied into history, logs, bookmarks and messages; whoever sees
// one holds the session. The app itself reads the ID from the cookie alone (cookies.ts).
import "server-only";
import type { NextRequest } from "next/server";
import { servedOverHttps } from "@/lib/env";
import { labMode } from "@/lib/lab/flaws";
import { reportAttempt } from "@/lib/lab/outcomes";
import { readSessionCookie, sessionCookieName } from "./cookies";
import { findSessionByHash } from "./store";
import { hashToken, isWellFormedToken } from "./tokens";

const SESSION_PARAM = "sid";

/** proxy.ts: the address's ID, if any, becomes the request's session cookie for the app. */
export function takeSessionIdFromUrl(request: NextRequest): void {
  const id = request.nextUrl.searchParams.get(SESSION_PARAM);
  if (id) request.cookies.set(sessionCookieName(servedOverHttps()), id);
}

/** A link to `href` that carries the current request's session ID. */
export async function withSessionId(href: string): Promise<string> {
  const id = await readSessionCookie();
  if (!id) return href;
  const url = new URL(href, "http://link.invalid");
  url.searchParams.set(SESSION_PARAM, id);
  return `${url.pathname}${url.search}${url.hash}`;
}

const SESSION_IN_URL_WORDS = {
  exploited: "A session ID in a shared address opened that session in a browser that never signed in.",
  blocked: "A session ID arrived in an address and was ignored: the bank reads the session from its cookie alone.",
};

/**
 * proxy.ts, before the flaw's line: a live session's ID in the address, from a browser that does
 * not hold it as its cookie, is someone else's session opened from a link. (The owner's own
 * links, under the flaw, name the ID the owner's cookie holds: that is no attack.)
 */
export async function reportSessionIdInUrl(request: NextRequest): Promise<void> {
  if (!labMode()) return;
  const id = request.nextUrl.searchParams.get(SESSION_PARAM);
  const cookie = request.cookies.get(sessionCookieName(servedOverHttps()))?.value;
  if (!id || id === cookie || !(await isLiveWebSession(id))) return;
  await reportAttempt("token-in-url", SESSION_IN_URL_WORDS);
}

async function isLiveWebSession(id: string): Promise<boolean> {
  if (!isWellFormedToken(id)) return false;
  const session = await findSessionByHash(hashToken(id));
  return session?.clientType === "web" && !session.endedAt;
}
