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

/** Validates once per request (React cache), so a page and its parts agree on one answer. */
const validateCurrentRequest = cache(async (tier: Tier): Promise<Validation> => {
  return validateSessionToken(await readSessionCookie(), tier, {
    now: new Date(),
    background: await isBackgroundRequest(),
    request: await requestInfo(),
  });
});

export async function requireSession(tier: Tier): Promise<SessionWithUser> {
  const result = await validateCurrentRequest(tier);
  if (result.ok) return result.session;
  if (result.reason === "missing") redirect("/signin");
  redirect(`/signin?reason=${result.reason}&tier=${tier}`);
}

/** For public pages that only adapt to a signed-in visitor (never extends or ends anything). */
export async function hasSessionCookie(): Promise<boolean> {
  return (await readSessionCookie()) !== undefined;
}
