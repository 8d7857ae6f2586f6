// Sign-out is a POST (a link or image cannot trigger it) that ends the session on the server,
// clears the cookie and asks the browser to drop everything it kept for this site.
import { NextResponse } from "next/server";
import { appOrigin } from "@/lib/env";
import { signOutClearSiteData } from "@/lib/session/headers";
import { endWebSession } from "@/lib/session/lifecycle";

export async function POST() {
  await endWebSession();
  // 303: the browser follows with a GET, so Reload on the sign-in page never re-posts.
  const response = NextResponse.redirect(new URL("/signin?reason=signed_out", appOrigin()), 303);
  response.headers.set("Clear-Site-Data", signOutClearSiteData());
  return response;
}
