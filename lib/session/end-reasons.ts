// Why a session is refused: one exhaustive map from reason word to what a person on the web and
// an API client are told. The same words are stored in Session.endReason, named in security
// events and used in test names; adding a reason without its texts does not compile.
import "server-only";
import { sessionPolicy, TIERS, type Tier } from "./policy";

type ReasonTexts = {
  /** The notice on the sign-in page; `tier` is the tier of the request that was refused. */
  web: (tier: Tier | null) => string;
  /** The `message` of the API's 401. */
  api: string;
};

/** An end reason's texts, and how the event log says it: "Session ended …" (event-words.ts). */
type EndReasonTexts = ReasonTexts & { logged: string };

const idleMinutes = (tier: Tier | null) => (tier ? sessionPolicy().idleTimeoutMinutes[tier] : null);

const REASONS = {
  idle: {
    logged: "after a period of inactivity",
    web: (tier) => {
      const minutes = idleMinutes(tier);
      return minutes
        ? `You were signed out after ${minutes} minutes of inactivity.`
        : "You were signed out after a period of inactivity.";
    },
    api: "The session was inactive for longer than this request allows and has ended. Sign in again.",
  },
  absolute: {
    logged: "at its maximum length",
    web: () =>
      `Your session reached its maximum length of ${sessionPolicy().absoluteLifetimeHours} hours. Please sign in again.`,
    api: "The session reached its maximum lifetime. Sign in again.",
  },
  // An admin session's deadline is shorter from entering the panel (adminAbsoluteLifetimeHours).
  admin_absolute: {
    logged: "at the maximum length of an admin session",
    web: () =>
      `Your admin session reached its maximum length: ${sessionPolicy().adminAbsoluteLifetimeHours} hours from entering the admin panel, ${sessionPolicy().absoluteLifetimeHours} from signing in. Please sign in again.`,
    api: "The admin session reached its maximum lifetime. Sign in again.",
  },
  signed_out: {
    logged: "by signing out",
    web: () => "You have signed out.",
    api: "This session was signed out.",
  },
  revoked: {
    logged: "from the sessions page",
    web: () => "Your session was ended. Please sign in again.",
    api: "This session was ended. Sign in again.",
  },
  disabled: {
    logged: "because the account is disabled",
    web: () => "This account is disabled. Contact support.",
    api: "This account is disabled. Contact support.",
  },
  rotated: {
    logged: "when it was renewed in another window",
    web: () => "Your session was renewed in another window. Continue to your accounts.",
    api: "This token was replaced by a newer one moments ago. Use the newest token.",
  },
  reused: {
    logged: "because an old copy of its ID was used",
    web: () =>
      "For your safety we signed you out everywhere: an old copy of your session was used from another place. If that was not you, change your password.",
    api: "An old copy of this session's token was used, so every token of this sign-in has ended. Sign in again; if that was not you, change your password.",
  },
  step_up_failures: {
    logged: "after too many wrong passwords",
    web: () => "Signed out after too many wrong passwords.",
    api: "Too many wrong passwords: the session has ended.",
  },
  password_changed: {
    logged: "because the password was changed",
    web: () => "Your password was changed, so every other session was signed out. Sign in with the new password.",
    api: "The account's password was changed, so every other session and token ended. Sign in with the new password.",
  },
  revoked_by_admin: {
    logged: "by an administrator",
    web: () => "Your session was ended by an administrator.",
    api: "An administrator ended this session.",
  },
  superseded: {
    logged: "because the admin panel was opened in another session",
    web: () => "Your admin session was ended because the admin panel was opened in another session.",
    api: "The admin panel was opened in another session, which ended this one.",
  },
  session_limit: {
    logged: "because the account signed in elsewhere with the most sessions open",
    web: () =>
      `You were signed out here because your account signed in somewhere else and already had ${sessionPolicy().maxLiveSessionsPerUser} sessions open; the oldest one ends. If that was not you, change your password.`,
    api: `The account signed in elsewhere while it already had the most sessions allowed (${sessionPolicy().maxLiveSessionsPerUser}), so its oldest session, this one, ended. Sign in again; if that was not you, change your password.`,
  },
} as const satisfies Record<string, EndReasonTexts>;

/** Why a session ended: stored in endReason, shown to the user, named in events and tests. */
export type EndReason = keyof typeof REASONS;

export const END_REASONS = Object.keys(REASONS) as EndReason[];

/** Why a request's session was refused: an end reason, no session at all, or ended for a reason we no longer know. */
export type InvalidReason = EndReason | "missing" | "ended";

const OTHER_REASONS: Record<"missing" | "ended", ReasonTexts> = {
  missing: { web: () => "Please sign in.", api: "Send a session token in the Authorization header: Bearer <token>." },
  ended: { web: () => "Your session has ended. Please sign in again.", api: "The session has ended. Sign in again." },
};

function textsFor(reason: InvalidReason): ReasonTexts {
  return Object.hasOwn(REASONS, reason) ? REASONS[reason as EndReason] : OTHER_REASONS[reason as "missing" | "ended"];
}

/** A stored endReason as a reason word ("ended" for anything unknown). */
export function asInvalidReason(value: string | null | undefined): InvalidReason {
  return END_REASONS.find((r) => r === value) ?? (value === "missing" ? "missing" : "ended");
}

/** A stored reason word as an end reason, or null when it is none. */
export function asEndReason(value: string | null | undefined): EndReason | null {
  return END_REASONS.find((r) => r === value) ?? null;
}

/** The sign-in page's notice for `?reason=&tier=` (null when the reason is absent or unknown). */
export function signedOutMessage(reason: string | undefined, tier: string | undefined): string | null {
  if (!reason || !(Object.hasOwn(REASONS, reason) || reason === "ended")) return null;
  return textsFor(reason as InvalidReason).web(TIERS.find((t) => t === tier) ?? null);
}

/** The web's text for a refused session: the session routes' 401 says it. */
export function webReasonMessage(reason: InvalidReason, tier: Tier | null): string {
  return textsFor(reason).web(tier);
}

/** The API's text for a refused session. */
export function apiReasonMessage(reason: InvalidReason): string {
  return textsFor(reason).api;
}

/** The event log's words for why a session ended ("after a period of inactivity"), or null. */
export function loggedReason(reason: string): string | null {
  return Object.hasOwn(REASONS, reason) ? REASONS[reason as EndReason].logged : null;
}
