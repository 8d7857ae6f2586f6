// The guards: the one declaration every page, server action and route handler starts with,
// stating its whole protection where it begins, so reading an entry point tells you who may use
// it. A page calls `const session = await requireSession("medium")` first; a server action is
// built by `protectedAction({ tier: "high", fresh: true, … }, …)`; a route handler by
// `sessionRoute(…)`; one open to anyone says so with `publicPage()` or `publicRoute(…)`. The
// JSON API's are `apiRoute` and `publicApiRoute` (lib/api/handler.ts). The lab has guards of its
// own. scripts/protection-inventory.test.ts reads every entry point of app/ and fails on one that
// starts without its declaration, and the README's protection table is made from them.
import "server-only";
import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { sessionEnded } from "@/lib/api/errors";
import { submittedForm } from "@/lib/form-data";
import { answeringOutage } from "@/lib/outage";
import { recordEvent } from "./events";
import { readSessionCookie } from "./cookies";
import type { Tier } from "./policy";
import { isBackgroundRequest, requestedPath, requestInfo } from "./request";
import { badTier, tierParam } from "./route-answers";
import { confirmFreshAuth, formPassword } from "./step-up";
import type { SessionWithUser } from "./store";
import { validateSessionToken, type Validation } from "./validate";

/** A validated session and the tier the current page or action declared. */
export type CurrentSession = SessionWithUser & { tier: Tier };

/**
 * Beyond a live session for the tier: `role: "admin"`, an administrator's, and with
 * `elevated: true` one that has also entered the admin panel (step-up + new ID).
 */
export type Access = { role?: undefined; elevated?: undefined } | { role: "admin"; elevated?: boolean };

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
 * Pages (and, through protectedAction, server actions): the session, or a redirect to sign-in
 * that says why and names the page to return to (followed only if it is a same-origin path:
 * lib/auth/safe-next-path.ts).
 */
export async function requireSession(tier: Tier, access: Access = {}): Promise<CurrentSession> {
  const result = await validateCurrentRequest(tier, await isBackgroundRequest());
  if (!result.ok) {
    const query = new URLSearchParams(result.reason === "missing" ? {} : { reason: result.reason, tier });
    const returnTo = await requestedPath();
    if (returnTo) query.set("next", returnTo);
    redirect(query.size > 0 ? `/signin?${query}` : "/signin");
  }
  const session = { ...result.session, tier };
  if (access.role === "admin") await requireAdminRole(session, access.elevated ?? false);
  return session;
}

/**
 * The admin panel: an administrator's session. Anyone else gets a plain 404 (the panel's
 * existence is not confirmed) and a security event — never a redirect loop. `elevated` also
 * requires the session to have entered the panel; one that has not is sent to its entry form.
 */
async function requireAdminRole(session: CurrentSession, elevated: boolean): Promise<void> {
  if (session.user.role !== "admin") {
    await recordEvent({
      type: "admin_access_denied",
      userId: session.userId,
      tokenHash: session.tokenHash,
      request: await requestInfo(),
    });
    notFound();
  }
  if (elevated && !session.elevatedAt) redirect("/admin");
}

/** A page, layout or not-found page open to anyone: nothing is checked, and it shows nothing of a session. */
export function publicPage(): void {
  // The declaration itself is the point: an open page says so, rather than having forgotten its guard.
}

/**
 * A server action as Next.js calls it: with the form from a form's `action`, with the previous
 * state and the form through useActionState. The form comes last either way; the arguments are
 * decoded from whatever the request carries, so nothing about them is assumed.
 */
export type ServerAction<State> = (...args: unknown[]) => Promise<State>;

/** The form read and checked before any step-up: the input the action needs, or its answer now. */
export type FormReading<Input, State> = { ok: true; input: Input } | { ok: false; state: State };

type StepUp<State, Input> =
  | { fresh?: false }
  | {
      /**
       * Moves money or changes security: the password entered in the last few minutes, or now in
       * the form's `password` field (a step-up, which gives the session a new ID).
       */
      fresh: true;
      /** The state that makes the form ask for the password (`message`: why, after a wrong one). */
      passwordNeeded: (message: string | undefined, input: NoInfer<Input>) => State;
    };

export type ActionProtection<State, Input> = { tier: Tier } & Access & StepUp<State, Input>;

/**
 * Server actions: `export const rename = protectedAction({ tier: "medium" }, async (session, form) => …)`.
 * A server action is a public POST endpoint whatever page its form is on, so it checks the
 * session itself, before anything else runs, exactly as a page does. With `fresh: true`, a
 * session whose password entry is stale gets the form's `passwordNeeded` state instead of the
 * action, and a session that ended on the way (too many wrong passwords) is sent to sign in with
 * the reason; the action then runs with the renewed session, never the one it started with.
 * `readForm` checks the rest of the form first, so nobody types a password for a form that
 * cannot succeed.
 */
export function protectedAction<State, Input>(
  protection: ActionProtection<State, Input> & { readForm: (form: FormData) => FormReading<Input, State> },
  action: (session: CurrentSession, input: NoInfer<Input>) => Promise<State>,
): ServerAction<State>;
export function protectedAction<State>(
  protection: ActionProtection<State, FormData>,
  action: (session: CurrentSession, form: FormData) => Promise<State>,
): ServerAction<State>;
export function protectedAction<State, Input>(
  protection: ActionProtection<State, Input> & { readForm?: (form: FormData) => FormReading<Input, State> },
  action: (session: CurrentSession, input: Input) => Promise<State>,
): ServerAction<State> {
  return async (...args) => {
    const session = await requireSession(protection.tier, protection);
    const form = submittedForm(args.at(-1));
    const reading = protection.readForm?.(form) ?? { ok: true, input: form as Input };
    if (!reading.ok) return reading.state;
    if (!protection.fresh) return action(session, reading.input);
    // Fresh already, or the password in this form steps up (and gives the session a new ID).
    const fresh = await confirmFreshAuth(session, formPassword(form));
    // Ended on the way (too many wrong passwords, or meanwhile): sign in again, told why.
    if (fresh.status === "ended") redirect(`/signin?reason=${fresh.reason}`);
    if (fresh.status === "password-needed") return protection.passwordNeeded(fresh.message, reading.input);
    return action({ ...fresh.session, tier: session.tier }, reading.input);
  };
}

type RouteProtection = {
  /** `"requested"`: the tier in the request's `?tier=`, as the timeout warning asks about its own page's. */
  tier: Tier | "requested";
  /** Whether a call counts as activity (default true); a status read must not extend the session. */
  activity?: boolean;
};

/**
 * Route handlers your pages fetch, on the session cookie:
 * `export const GET = sessionRoute({ tier: "medium" }, async (request, session) => …)`. A session
 * not good for the tier is answered 401 `session_ended` with the reason before the handler runs
 * (a missing or unknown `?tier=` 400), and a database outage meanwhile 503 (lib/outage.ts).
 * `activity: false` (the status poll) reads the session without counting as activity, so a tab
 * left open cannot keep a session alive.
 */
export function sessionRoute(
  protection: RouteProtection,
  handler: (request: Request, session: CurrentSession) => Promise<Response>,
): (request: Request) => Promise<Response> {
  return answeringOutage(async (request: Request) => {
    const tier = protection.tier === "requested" ? tierParam(request) : protection.tier;
    if (!tier) return badTier();
    const result = await validateCurrentRequest(tier, !(protection.activity ?? true));
    if (!result.ok) return sessionEnded(result.reason, tier);
    return handler(request, { ...result.session, tier });
  });
}

/** A route handler open to anyone (sign-out, next-auth's sign-in): it is the handler itself, declared. */
export function publicRoute<Handler extends (...args: never[]) => Promise<Response>>(handler: Handler): Handler {
  return handler;
}
