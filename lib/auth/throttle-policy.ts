// Sign-in attempt limits: the values, with their reasons. Pure data, so the sign-in form (a
// client component) can quote the lockout in its message.
//
// NIST SP 800-63B §5.2.2 requires limiting consecutive failed attempts on an account to at most
// 100. We are far stricter: a bank password guessed online is money gone, and 5 tries leave room
// for typos. The per-address limit catches one client trying a few passwords on many emails
// (credential stuffing), which the per-email limit alone would never see.
export const SIGN_IN_THROTTLE = {
  /** Failures for one email within the window that lock that email. */
  maxFailuresPerEmail: 5,
  /** Failures from one IP address, whatever the emails, within the window that lock the address. */
  maxFailuresPerIp: 20,
  /** The failures counted are those within this window. */
  windowMinutes: 15,
  /** Once locked, attempts are refused (the password is not even checked) for this long. */
  lockoutMinutes: 15,
} as const;
