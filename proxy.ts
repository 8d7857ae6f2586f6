// Runs before every page and route: sets the cache policy header. It does not decide who is
// signed in — each page and action calls the session guard itself.
import { NextResponse } from "next/server";
import { pageCacheControl } from "@/lib/session/headers";

export function proxy() {
  const response = NextResponse.next();
  response.headers.set("Cache-Control", pageCacheControl());
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
