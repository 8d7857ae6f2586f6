// Only the token-in-url lab flaw uses this file: the session ID carried in the address
// (`?sid=`), accepted as if it were the cookie and written into links, as jsessionid-style URL
// rewriting once did. A URL is copied into history, logs, bookmarks and messages; whoever sees
// one holds the session. The app itself reads the ID from the cookie alone (cookies.ts).
import "server-only";
import type { NextRequest } from "next/server";
import { servedOverHttps } from "@/lib/env";
import { readSessionCookie, sessionCookieName } from "./cookies";

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
