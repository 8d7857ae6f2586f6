// What next-auth is handed. It answers some input anyone can send with a 500: a body whose
// Content-Type mentions JSON but which does not parse, and a callbackUrl — in the address or in
// its callback-url cookie — that is not an http(s) URL (its own configuration check, run on
// every route, so one planted cookie would break sign-in for that browser). The sign-in form
// sends none of these, and where it goes after sign-in is decided by our signIn callback.
import "server-only";
import { cookies } from "next/headers";
import type { NextRequest } from "next/server";
import { apiError } from "@/lib/api/errors";

/** The sign-in form's own type: a urlencoded form, nothing that next-auth would read as JSON. */
const FORM_CONTENT_TYPE = /^application\/x-www-form-urlencoded\s*(?:;\s*charset=[\w-]+\s*)?$/i;

/** next-auth's callback-url cookie, over HTTP and over HTTPS. */
const CALLBACK_URL_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url"];

/** A 4xx for a request next-auth must not see, or null. */
export function refuseNextAuthInput(request: NextRequest): Response | null {
  if (request.method === "POST" && !FORM_CONTENT_TYPE.test(request.headers.get("content-type") ?? "")) {
    return apiError("unsupported_media_type", "Send the sign-in form as application/x-www-form-urlencoded.");
  }
  if (request.nextUrl.searchParams.has("callbackUrl")) {
    return apiError("bad_request", "The sign-in routes take no callbackUrl in the address.");
  }
  return null;
}

/**
 * Drops a callback-url cookie next-auth would refuse (and clears it in the browser), so a cookie
 * planted from a sibling subdomain cannot lock anyone out of signing in.
 */
export async function dropUnusableCallbackCookie(origin: string): Promise<void> {
  const jar = await cookies();
  for (const name of CALLBACK_URL_COOKIES) {
    const value = jar.get(name)?.value;
    if (value && !isHttpUrl(value, origin)) jar.delete(name);
  }
}

/** next-auth's own test (core/lib/assert.js): an http(s) URL, or a path on `origin`. */
function isHttpUrl(value: string, origin: string): boolean {
  try {
    return /^https?:$/.test(new URL(value, value.startsWith("/") ? origin : undefined).protocol);
  } catch {
    return false;
  }
}
