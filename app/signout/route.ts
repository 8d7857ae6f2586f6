// Sign-out is a POST (a link or image cannot trigger it) that ends the session on the server,
// clears the cookie and asks the browser to drop everything it kept for this site. The timeout
// warning posts here too when its countdown reaches zero, with reason=idle and the page it was
// on (next), so signing in again returns there. While the database cannot be reached it answers
// 503 and keeps the cookie: the session could not be ended, so the browser must not act as if it
// had been.
import { NextResponse } from "next/server";
import { safeNextPath } from "@/lib/auth/safe-next-path";
import { appOrigin } from "@/lib/env";
import { answeringOutage } from "@/lib/outage";
import { publicRoute } from "@/lib/session/guard";
import { signOutClearSiteData } from "@/lib/session/headers";
import { endWebSession } from "@/lib/session/lifecycle";
import { TIERS } from "@/lib/session/policy";

// Open to anyone: signing out needs no live session (an expired one is cleared all the same).
export const POST = publicRoute(
  answeringOutage(async (request: Request) => {
    const form = await request.formData().catch(() => new FormData());
    const idle = form.get("reason") === "idle";
    await endWebSession(idle ? "idle" : "signed_out");
    // 303: the browser follows with a GET, so Reload on the sign-in page never re-posts.
    const response = NextResponse.redirect(new URL(signInAddress(idle, form), appOrigin()), 303);
    response.headers.set("Clear-Site-Data", signOutClearSiteData());
    return response;
  }),
);

/** The sign-in page with why; after an idle timeout, also the tier and the page to return to. */
function signInAddress(idle: boolean, form: FormData): string {
  if (!idle) return "/signin?reason=signed_out";
  const query = new URLSearchParams({ reason: "idle" });
  const tier = TIERS.find((t) => t === form.get("tier"));
  if (tier) query.set("tier", tier);
  // Only a path on this origin: the same rule as every other way back (lib/auth/safe-next-path.ts).
  const next = form.get("next");
  if (typeof next === "string" && next !== "") query.set("next", safeNextPath(next));
  return `/signin?${query}`;
}
