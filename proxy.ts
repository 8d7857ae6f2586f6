// Runs before every page, route handler, server action and next-auth route. It refuses what no
// part of the app should see (a state-changing request from another origin, an ambiguous query
// string, a form body or server-action call Next.js cannot read), answers 503 while the
// database cannot be reached (lib/db-health.ts says why it asks every time), and sets the
// response headers: the cache policy and the browser-side defenses. It does not decide who is
// signed in — each page and action calls the session guard itself. (server.mjs, in front of
// Next, has already refused unknown methods, oversized bodies and request targets that do not
// decode.)
// LAB ONLY
// It also refuses the lab console outside lab mode, or without its key.
// END LAB ONLY
import { NextResponse, type NextRequest } from "next/server";
import { apiError } from "@/lib/api/errors";
import { databaseReachable } from "@/lib/db-health";
import { answersWithJson, ERRORS } from "@/lib/error-body.mjs";
import { appOrigin } from "@/lib/env";
// LAB ONLY
import { labAccessAnswer } from "@/lib/lab/access";
import { reportAttempt } from "@/lib/lab/outcomes";

const CSRF_WORDS = {
  exploited: "Another site's form wrote to the bank, and the bank accepted it.",
  blocked: "Another site's form tried to write to the bank and was refused.",
};
const CLICKJACKING_WORDS = {
  exploited: "Another site framed a page of the bank, and the bank let it show there.",
  blocked: "Another site framed a page of the bank: frame-ancestors 'none' had the browser refuse to show it.",
};

/** The browser says this page is for a frame on a page of another origin (Fetch Metadata). */
function isFramedElsewhere(request: NextRequest): boolean {
  const dest = request.headers.get("sec-fetch-dest");
  const site = request.headers.get("sec-fetch-site");
  return (dest === "iframe" || dest === "frame") && site !== null && site !== "same-origin";
}
// END LAB ONLY
import { flawOn } from "@/lib/lab/flaws";
import { unavailableAnswer } from "@/lib/outage";
import { contentSecurityPolicy, newNonce, securityHeaders } from "@/lib/security-headers";
import { logger } from "@/lib/log";
import { recordEvent } from "@/lib/session/events";
import { PROXY_PAGE_STYLESHEET, refusalAnswer } from "@/lib/refusal-page";
import { pageCacheControl } from "@/lib/session/headers";
import { requestInfoOf } from "@/lib/session/request";
import {
  CROSS_SITE_MESSAGE,
  hasMismatchedHost,
  isCrossSiteWrite,
  MISMATCHED_HOST_MESSAGE,
} from "@/lib/session/same-origin";
import { REQUEST_PATH_HEADER } from "@/lib/session/request";
import { reportSessionIdInUrl, takeSessionIdFromUrl } from "@/lib/session/session-in-url";
import { isUnreadableAction, UNREADABLE_ACTION_MESSAGE } from "@/lib/unreadable-action";
import { isUnreadableForm, UNREADABLE_FORM_MESSAGE } from "@/lib/unreadable-form";

export async function proxy(request: NextRequest) {
  const csp = contentSecurityPolicy(newNonce());
  // LAB ONLY
  if (isFramedElsewhere(request)) await reportAttempt("clickjacking", CLICKJACKING_WORDS);
  // END LAB ONLY
  const response = (await refusal(request)) ?? (await passOn(request, csp));
  if (csp) response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(securityHeaders())) response.headers.set(name, value);
  response.headers.set("Cache-Control", pageCacheControl());
  return response;
}

/**
 * The request goes on to the app, unless the database is away (503: nobody gets in, nothing is
 * half-written). Next reads the nonce from the request's CSP header and puts it on every script.
 */
async function passOn(request: NextRequest, csp: string): Promise<Response> {
  // The outage page's own stylesheet is a static file: served whatever the database's state.
  const needsDatabase = request.nextUrl.pathname !== PROXY_PAGE_STYLESHEET;
  if (needsDatabase && !(await databaseReachable())) return unavailableAnswer(request);
  // LAB ONLY
  await reportSessionIdInUrl(request);
  // END LAB ONLY
  // LAB FLAW token-in-url: an ID in the address (?sid=) counts as the cookie, so whoever sees
  // the URL holds the session.
  if (flawOn("token-in-url")) takeSessionIdFromUrl(request);
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", csp);
  // The page asked for, so a guard that sends the visitor to sign in can name the way back.
  headers.set(REQUEST_PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

/** A 4xx with nothing done, or null when the request may go on. */
async function refusal(request: NextRequest): Promise<NextResponse | null> {
  // LAB ONLY
  // The lab console first: its own rules (lib/lab/access.ts) hold whatever the lab switched off.
  const lab = isLabPath(request.nextUrl.pathname) ? labAccessAnswer(request) : null;
  if (lab instanceof NextResponse) return lab;
  if (lab) return refusalAnswer(request, lab.status, lab.message);
  // END LAB ONLY
  // A browser's write from another origin fails both: its Sec-Fetch-Site (or Origin) is not this
  // app's, and its Origin names another host than the one the request is for.
  // LAB FLAW csrf: a write from another origin goes through, and with SameSite=None the
  // victim's cookie with it.
  const crossSite = isCrossSiteWrite(request, appOrigin());
  // LAB ONLY
  if (crossSite) await reportAttempt("csrf", CSRF_WORDS);
  // END LAB ONLY
  if (!flawOn("csrf")) {
    if (crossSite) {
      await recordCrossSiteRefusal(request, "cross_site");
      return refuse(request, "cross_site", CROSS_SITE_MESSAGE);
    }
    if (hasMismatchedHost(request)) {
      await recordCrossSiteRefusal(request, "mismatched_host");
      return refuse(request, "bad_request", MISMATCHED_HOST_MESSAGE);
    }
  }
  if (hasRepeatedParameter(request.nextUrl.searchParams))
    return refuse(request, "bad_request", REPEATED_PARAMETER_MESSAGE);
  if (await isUnreadableForm(request)) return refuse(request, "bad_request", UNREADABLE_FORM_MESSAGE);
  if (await isUnreadableAction(request)) return refuse(request, "bad_request", UNREADABLE_ACTION_MESSAGE);
  return null;
}

/**
 * A refused cross-site write is a sign of an attack in progress (a page somewhere posting to the
 * bank in its visitors' names): it is recorded, folded like every repeatable failure. The proxy
 * runs in Node and reaches the database as the app does; if the database is away, the refusal
 * still stands and the log still says so.
 */
async function recordCrossSiteRefusal(request: NextRequest, reason: "cross_site" | "mismatched_host"): Promise<void> {
  const info = requestInfoOf(request.headers);
  const detail = { reason, method: request.method, path: request.nextUrl.pathname };
  try {
    await recordEvent({ type: "cross_site_refused", request: info, detail });
  } catch (error) {
    const failure = error instanceof Error ? error.name : typeof error;
    logger.error({ requestId: info.requestId, event: "cross_site_refused", detail, failure }, "event not recorded");
  }
}

// LAB ONLY
// Outside lab mode the lab console does not exist, whatever is asked of it: its page, its inbox,
// and its server actions, posted to its address (one would run its guard, then fail to render a
// page that is not there: a 500). Each of them checks again itself (lib/lab/guard.ts).
function isLabPath(pathname: string): boolean {
  let path = pathname;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    // Not decodable: no route's path either.
  }
  return path === "/lab" || path.startsWith("/lab/");
}
// END LAB ONLY

// No page or endpoint takes a list in its query string. A repeated parameter is ambiguous
// (parameter pollution: a filter and a check may each read a different copy), so it is refused
// rather than guessed at.
function hasRepeatedParameter(params: URLSearchParams): boolean {
  const names = [...params.keys()];
  return new Set(names).size !== names.length;
}

const REPEATED_PARAMETER_MESSAGE = "A query parameter appears more than once. Send each parameter once.";

/** The JSON error where programs call (/api/, /session/), a page or a short text everywhere else. */
function refuse(request: NextRequest, code: "cross_site" | "bad_request", message: string): NextResponse {
  if (answersWithJson(request.nextUrl.pathname)) return apiError(code, message);
  return refusalAnswer(request, ERRORS[code].status, message);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
