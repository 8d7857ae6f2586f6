// What the user is told when a session ends, keyed by the same reason words as the events.
import { sessionPolicy, type Tier } from "./policy";
import type { InvalidReason } from "./validate";

export function signedOutMessage(reason: string | undefined, tier: string | undefined): string | null {
  switch (reason as InvalidReason | undefined) {
    case "idle": {
      const minutes = isTier(tier) ? sessionPolicy().idleTimeoutMinutes[tier] : null;
      return minutes
        ? `You were signed out after ${minutes} minutes of inactivity.`
        : "You were signed out after a period of inactivity.";
    }
    case "absolute":
      return `Your session reached its maximum length of ${sessionPolicy().absoluteLifetimeHours} hours. Please sign in again.`;
    case "signed_out":
      return "You have signed out.";
    case "revoked":
      return "Your session was ended. Please sign in again.";
    case "rotated":
      return "Your session was renewed in another window. Continue to your accounts.";
    case "reused":
      return "For your safety we signed you out everywhere: an old copy of your session was used from another place. If that was not you, change your password.";
    case "password_changed":
      return "Your password was changed, so every other session was signed out. Sign in with the new password.";
    case "revoked_by_admin":
      return "Your session was ended by an administrator.";
    case "superseded":
      return "Your admin session was ended because the admin panel was opened in another session.";
    case "step_up_failures":
      return "Signed out after too many wrong passwords.";
    case "disabled":
      return "This account is disabled. Contact support.";
    case "ended":
      return "Your session has ended. Please sign in again.";
    default:
      return null;
  }
}

function isTier(value: string | undefined): value is Tier {
  return value === "low" || value === "medium" || value === "high";
}
