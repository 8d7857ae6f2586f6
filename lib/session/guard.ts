// The one guard every protected page, route handler and server action calls first, naming its
// tier: `const session = await requireSession("medium")`. It reads the cookie, validates on the
// server and, when the session is not good for this tier, sends the user to sign in with why.
import "server-only";
import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { recordEvent } from "./events";
import { readSessionCookie } from "./cookies";
import type { Tier } from "./policy";
import { isBackgroundRequest, requestedPath, requestInfo } from "./request";
import { confirmFreshAuth, formPassword } from "./step-up";
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

/**
 * Pages and server actions: the session, or a redirect to sign-in that says why and names the
 * page to return to (followed only if it is a same-origin path: lib/auth/safe-next-path.ts).
 */
export async function requireSession(tier: Tier): Promise<CurrentSession> {
  const result = await validateCurrentRequest(tier, await isBackgroundRequest());
  if (result.ok) return { ...result.session, tier };
  const query = new URLSearchParams(result.reason === "missing" ? {} : { reason: result.reason, tier });
  const returnTo = await requestedPath();
  if (returnTo) query.set("next", returnTo);
  redirect(query.size > 0 ? `/signin?${query}` : "/signin");
}

/**
 * Route handlers that answer JSON. `activity: false` (the status poll) reads the session
 * without counting as activity, so a tab left open cannot keep a session alive.
 */
export async function sessionForRoute(tier: Tier, options: { activity: boolean }): Promise<Validation> {
  return validateCurrentRequest(tier, !options.activity);
}

/**
 * The admin panel: an administrator's high-tier session. Anyone else gets a plain 404 (the
 * panel's existence is not confirmed) and a security event — never a redirect loop.
 * `elevated: true` also requires the session to have entered the panel (step-up + new ID).
 */
export async function requireAdmin(options: { elevated: boolean }): Promise<CurrentSession> {
  const session = await requireSession("high");
  if (session.user.role !== "admin") {
    await recordEvent({
      type: "admin_access_denied",
      userId: session.userId,
      tokenHash: session.tokenHash,
      request: await requestInfo(),
    });
    notFound();
  }
  if (options.elevated && !session.elevatedAt) redirect("/admin");
  return session;
}

export type FreshSession = { ok: true; session: CurrentSession } | { ok: false; message?: string };

/**
 * Server actions that move money or change security (transfers, admin entry, ending sessions):
 * the session with a password entered in the last few minutes — already, or from the form's
 * `password` field, which steps up and gives the session a new ID. `ok: false` means the form
 * must ask for the password (with why, after a wrong one); a session that ended on the way
 * (too many wrong passwords) is sent to sign in with the reason.
 */
export async function requireFreshAuth(session: CurrentSession, form: FormData): Promise<FreshSession> {
  const fresh = await confirmFreshAuth(session, formPassword(form));
  if (fresh.status === "ended") redirect(`/signin?reason=${fresh.reason}`);
  if (fresh.status === "password-needed") return { ok: false, message: fresh.message };
  return { ok: true, session: { ...fresh.session, tier: session.tier } };
}
