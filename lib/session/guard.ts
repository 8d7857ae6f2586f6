// The one guard every protected page, route handler and server action calls first, naming its
// tier: `const session = await requireSession("medium")`. It reads the cookie, validates on the
// server and, when the session is not good for this tier, sends the user to sign in with why.
import { cache } from "react";
import { redirect } from "next/navigation";
import { readSessionCookie } from "./cookies";
import type { Tier } from "./policy";
import { isBackgroundRequest, requestInfo } from "./request";
import type { SessionWithUser } from "./store";
import { validateSessionToken, type Validation } from "./validate";

/** A validated session and the tier the current page or action declared. */
export type CurrentSession = SessionWithUser & { tier: Tier };

/** Validates once per request (React cache), so a page and its parts agree on one answer. */
const validateCurrentRequest = cache(async (tier: Tier, background: boolean): Promise<Validation> => {
  return validateSessionToken(await readSessionCookie(), tier, {
    now: new Date(),
    background,
    request: await requestInfo(),
    client: "web",
  });
});

/** Pages and server actions: the session, or a redirect to sign-in that says why. */
export async function requireSession(tier: Tier): Promise<CurrentSession> {
  const result = await validateCurrentRequest(tier, await isBackgroundRequest());
  if (result.ok) return { ...result.session, tier };
  if (result.reason === "missing") redirect("/signin");
  redirect(`/signin?reason=${result.reason}&tier=${tier}`);
}

/**
 * Route handlers that answer JSON. `activity: false` (the status poll) reads the session
 * without counting as activity, so a tab left open cannot keep a session alive.
 */
export async function sessionForRoute(tier: Tier, options: { activity: boolean }): Promise<Validation> {
  return validateCurrentRequest(tier, !options.activity);
}
