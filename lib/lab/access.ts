// Who may use the lab console, decided by proxy.ts before any lab page, route or server action
// runs (and before Next's own server-action checks, which answer a cross-site post with a 500).
// Outside lab mode the console does not exist (404). In a lab:
// - a write from another origin is refused (403) by Vaultline's one same-origin rule, whatever
//   the lab's own `csrf` switch says: that flaw is the bank's lesson, never the console's;
// - the address `npm run lab` prints (/lab?key=…) lets the browser in when the key is right: it
//   gets the access cookie (lib/lab/key.ts) and is sent on to the clean /lab at once, so the key
//   stays out of the history, the address bar and any Referer;
// - without that cookie only the console's own page may be fetched, which then asks for the key;
//   every other lab request (a switch, a reset, the inbox) is refused with a 403.
// lib/lab/guard.ts checks the key again in each page, route and action.
import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { appOrigin, servedOverHttps, serverEnv } from "@/lib/env";
import {
  CROSS_SITE_MESSAGE,
  hasMismatchedHost,
  isCrossSiteWrite,
  MISMATCHED_HOST_MESSAGE,
} from "@/lib/session/same-origin";
import { labMode } from "./flaws";
import {
  grantsLabAccess,
  isLabKey,
  LAB_KEY_PARAMETER,
  labAccessToken,
  labCookieAttributes,
  labCookieName,
} from "./key";

export const LAB_CONSOLE_PATH = "/lab";

/** The console's page shows this notice when the key in its address was not the lab's. */
export const WRONG_KEY_PARAMETER = "refused";

export const NO_LAB_KEY_MESSAGE =
  "The lab console needs this lab's key. Open the address `npm run lab` printed (it ends in /lab?key=…), or enter the key at /lab.";

const NO_PAGE_MESSAGE = "There is no page at this address.";

type Answer = { status: number; message: string } | NextResponse;

/** The answer to a request for a lab path (`/lab`, `/lab/…`), or null when it may go on. */
export function labAccessAnswer(request: NextRequest): Answer | null {
  if (!labMode()) return { status: 404, message: NO_PAGE_MESSAGE };
  if (isCrossSiteWrite(request, appOrigin())) return { status: 403, message: CROSS_SITE_MESSAGE };
  if (hasMismatchedHost(request)) return { status: 400, message: MISMATCHED_HOST_MESSAGE };
  const presented = request.nextUrl.searchParams.get(LAB_KEY_PARAMETER);
  if (request.method === "GET" && presented !== null) return keyAddressAnswer(presented);
  if (hasLabAccess(request)) return null;
  if (isConsolePageRead(request)) return null;
  return { status: 403, message: NO_LAB_KEY_MESSAGE };
}

function hasLabAccess(request: NextRequest): boolean {
  return grantsLabAccess(request.cookies.get(labCookieName(servedOverHttps()))?.value, serverEnv().LAB_KEY);
}

/** The console's page itself, fetched: without the key it renders only the prompt for it. */
function isConsolePageRead(request: NextRequest): boolean {
  return (
    ["GET", "HEAD"].includes(request.method) &&
    request.nextUrl.pathname === LAB_CONSOLE_PATH &&
    !request.headers.has("next-action")
  );
}

/** /lab?key=…: the cookie when the key is right, and in every case the address without the key. */
function keyAddressAnswer(presented: string): NextResponse {
  const key = serverEnv().LAB_KEY;
  if (!isLabKey(presented, key)) {
    return redirectTo(`${LAB_CONSOLE_PATH}?${WRONG_KEY_PARAMETER}=key`);
  }
  const response = redirectTo(LAB_CONSOLE_PATH);
  const https = servedOverHttps();
  response.cookies.set(labCookieName(https), labAccessToken(key!), labCookieAttributes(https));
  return response;
}

/** 303 to a path of the app's own origin (never the Host header's, which a client chooses). */
function redirectTo(path: string): NextResponse {
  return NextResponse.redirect(new URL(path, appOrigin()), 303);
}
