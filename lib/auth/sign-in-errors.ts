// What a failed sign-in says, for the web form and the JSON API alike. Neither text depends on
// whether the email has an account: the throttle counts unknown emails exactly like known ones.
import { SIGN_IN_THROTTLE } from "./throttle-policy";

/** The code next-auth carries from authorize() to the sign-in page as `?error=`. */
export const THROTTLED_ERROR_CODE = "TooManyAttempts";

export const SIGN_IN_MESSAGES = {
  invalid: "Incorrect email or password.",
  throttled: `Too many attempts. Try again in ${SIGN_IN_THROTTLE.lockoutMinutes} minutes.`,
} as const;

/** The message for next-auth's `error` value: the throttle text, or the one generic failure. */
export function signInErrorMessage(code: string | null | undefined): string {
  return code === THROTTLED_ERROR_CODE ? SIGN_IN_MESSAGES.throttled : SIGN_IN_MESSAGES.invalid;
}
