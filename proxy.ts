// Runs before every page, route handler, server action and next-auth route: refuses a
// state-changing request from another origin (CSRF) before anything runs, and sets the cache
// policy header. It does not decide who is signed in — each page and action calls the session
// guard itself.
import { NextResponse, type NextRequest } from "next/server";
import { apiError } from "@/lib/api/errors";
import { appOrigin } from "@/lib/env";
import { pageCacheControl } from "@/lib/session/headers";
import { CROSS_SITE_MESSAGE, isCrossSiteWrite } from "@/lib/session/same-origin";

export function proxy(request: NextRequest) {
  const response = isCrossSiteWrite(request, appOrigin()) ? crossSiteRefusal(request) : NextResponse.next();
  response.headers.set("Cache-Control", pageCacheControl());
  return response;
}

/** 403 with nothing done: the API's JSON error under /api, a short text everywhere else. */
function crossSiteRefusal(request: NextRequest): NextResponse {
  if (request.nextUrl.pathname.startsWith("/api/")) return apiError("cross_site");
  return new NextResponse(CROSS_SITE_MESSAGE, { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
