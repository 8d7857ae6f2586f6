// Sign-out is a POST (a link or image cannot trigger it) that ends the session on the server,
// clears the cookie and asks the browser to drop everything it kept for this site. The timeout
// warning posts here too, with reason=idle, when its countdown reaches zero. While the database
// cannot be reached it answers 503 and keeps the cookie: the session could not be ended, so the
// browser must not act as if it had been.
import { NextResponse } from "next/server";
import { appOrigin } from "@/lib/env";
import { answeringOutage } from "@/lib/outage";
import { signOutClearSiteData } from "@/lib/session/headers";
import { endWebSession } from "@/lib/session/lifecycle";
import { TIERS } from "@/lib/session/policy";

export const POST = answeringOutage(async (request: Request) => {
  const form = await request.formData().catch(() => new FormData());
  const idle = form.get("reason") === "idle";
  await endWebSession(idle ? "idle" : "signed_out");
  const tier = TIERS.find((t) => t === form.get("tier"));
  const target = idle ? `/signin?reason=idle${tier ? `&tier=${tier}` : ""}` : "/signin?reason=signed_out";
  // 303: the browser follows with a GET, so Reload on the sign-in page never re-posts.
  const response = NextResponse.redirect(new URL(target, appOrigin()), 303);
  response.headers.set("Clear-Site-Data", signOutClearSiteData());
  return response;
});
