// What a failed sign-in says, for the web form and the JSON API alike. Neither text depends on
// whether the email has an account: the throttle counts unknown emails exactly like known ones.
/** The code next-auth carries from authorize() to the sign-in page as `?error=`. */
export const THROTTLED_ERROR_CODE = "TooManyAttempts";

/**
 * The database went away during the sign-in (lib/auth/options.ts). The form shows the outage's
 * text only when the server answers with it, never from the page's own URL, so a link cannot
 * make the sign-in page claim an outage.
 */
export const UNAVAILABLE_ERROR_CODE = "Unavailable";

/** Any other failure inside the sign-in: the one generic answer. */
export const SIGN_IN_FAILED_ERROR_CODE = "SignInFailed";

export const SIGN_IN_MESSAGES = {
  invalid: "Incorrect email or password.",
  // No figure: the wait grows with each step (throttle-policy.ts); the API's Retry-After has it.
  throttled: "Too many attempts. Try again later.",
  // The database cannot be reached (a 503): nobody was let in, and nothing was counted.
  unavailable: "Vaultline is temporarily unavailable, so nobody can sign in right now. Please try again in a minute.",
} as const;

/** The message for next-auth's `error` value: the throttle text, or the one generic failure. */
export function signInErrorMessage(code: string | null | undefined): string {
  return code === THROTTLED_ERROR_CODE ? SIGN_IN_MESSAGES.throttled : SIGN_IN_MESSAGES.invalid;
}
