// Sign-in attempt limits: the values, with their reasons (docs/session-policy.md has the sources).
// Pure data, so the sign-in form (a client component) can import it.
//
// NIST SP 800-63B (rev. 3 §5.2.2, rev. 4 §3.2.2 "Rate Limiting (Throttling)") caps *consecutive*
// failed attempts on one account at 100 and suggests waits that grow with each failure. OWASP's
// Authentication Cheat Sheet ("Account Lockout") adds: count failures per account, lock for a
// period that grows, and answer a locked account exactly as any failed sign-in. A bank password
// guessed online is money gone, so we are far stricter than 100: a wait after every 5th
// consecutive failure, doubling each time, and a hard stop at 20 that only an administrator lifts.
//
// The per-address limit catches one client trying a few passwords on many emails (credential
// stuffing), which the per-account limit alone would never see. It escalates too, but never
// hard-stops: many customers can share one address (a NAT, a campus), and one of them must not
// lock all the others out for good.
export const SIGN_IN_THROTTLE = {
  account: {
    /** A wait follows every this-many consecutive failures (typos leave room for 4). */
    failuresPerStep: 5,
    /** The first wait; each later one doubles it (15, 30, 60 minutes). */
    firstDelayMinutes: 15,
    maxDelayMinutes: 24 * 60,
    /** Consecutive failures after which no password is checked until an administrator unlocks. */
    hardStopFailures: 20,
  },
  address: {
    failuresPerStep: 20,
    firstDelayMinutes: 15,
    /** 15 minutes doubled seven times reaches a day: the wait stops growing there. */
    maxDelayMinutes: 24 * 60,
    /** An address's failures older than this no longer count (no success ever resets them). */
    lookbackMinutes: 24 * 60,
  },
  /** IPv6 addresses are counted by their first 64 bits: one client usually holds a whole /64. */
  ipv6PrefixBits: 64,
} as const;

export type EscalationRule = { failuresPerStep: number; firstDelayMinutes: number; maxDelayMinutes: number };
