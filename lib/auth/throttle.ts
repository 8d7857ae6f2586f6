// Sign-in attempt limits (values and reasons in throttle-policy.ts), shared by the web form and
// the JSON API because both sign in through verifyCredentials. Failures are rows in the
// database, so the limits hold across restarts and across every server process.
//
// An attempt is recorded *before* its password is checked and counts as a failure until it
// succeeds: a burst of parallel guesses cannot all pass the check before any of them is counted.
// Per account the failures are consecutive (a success deletes them): a wait after every few,
// growing each time, and a hard stop that only an administrator lifts. Per address, IPv6 is
// counted by its /64.
import "server-only";
import { createHash } from "node:crypto";
import { isIP } from "node:net";
import { db } from "@/lib/db";
import { flawOn } from "@/lib/lab/flaws";
import { SIGN_IN_THROTTLE, type EscalationRule } from "./throttle-policy";

const MINUTE_MS = 60_000;

export type SignInAttempt = { id: string; emailHash: string; network: string | null; at: Date };

/**
 * go: check the password (lastBeforeHardStop: a failure now stops the account); wait: refuse
 * for that long; locked: the account's hard stop was reached.
 */
export type ThrottleDecision =
  { kind: "go"; lastBeforeHardStop: boolean } | { kind: "wait"; seconds: number } | { kind: "locked" };

/** Emails are compared by hash: the table never holds what was typed into the email field. */
export function hashEmail(email: string): string {
  return createHash("sha256").update(email).digest("hex");
}

/**
 * What the per-address limit counts by: an IPv4 address as it is, an IPv6 address by its /64
 * (written `2001:db8:1:2::/64`). Addresses arrive canonical (lib/session/client-address.ts).
 */
export function throttleNetwork(ip: string | null): string | null {
  if (!ip || isIP(ip) !== 6) return ip;
  const [head = "", tail = ""] = ip.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right];
  const kept = groups.slice(0, SIGN_IN_THROTTLE.ipv6PrefixBits / 16).map((g) => parseInt(g, 16).toString(16));
  return `${kept.join(":")}::/${SIGN_IN_THROTTLE.ipv6PrefixBits}`;
}

/**
 * The decision, free of I/O: given failures (newest first), how many seconds until a new
 * attempt may be checked? Every `failuresPerStep`-th failure starts a wait, twice as long as
 * the one before (up to `maxDelayMinutes`), counted from that failure.
 */
export function escalatingWaitSeconds(failuresNewestFirst: Date[], rule: EscalationRule, now: Date): number {
  const steps = Math.floor(failuresNewestFirst.length / rule.failuresPerStep);
  if (steps === 0) return 0;
  const reachedAt = failuresNewestFirst[failuresNewestFirst.length - steps * rule.failuresPerStep]!;
  const delayMinutes = Math.min(rule.firstDelayMinutes * 2 ** (steps - 1), rule.maxDelayMinutes);
  return Math.max(0, Math.ceil((reachedAt.getTime() + delayMinutes * MINUTE_MS - now.getTime()) / 1000));
}

/** Records the attempt as a failure until proven otherwise (see the header). */
export async function beginSignInAttempt(
  email: string,
  ip: string | null,
  now: Date = new Date(),
): Promise<SignInAttempt> {
  const emailHash = hashEmail(email);
  const network = throttleNetwork(ip);
  const row = await db.signInFailure.create({ data: { emailHash, ip, network, createdAt: now } });
  return { id: row.id, emailHash, network, at: now };
}

/** Whether this attempt may be checked, by the per-account and the per-address limit. */
export async function throttleDecision(attempt: SignInAttempt): Promise<ThrottleDecision> {
  const [byAccount, byAddress] = await Promise.all([accountFailures(attempt), addressFailures(attempt)]);
  const addressWait = escalatingWaitSeconds(byAddress, SIGN_IN_THROTTLE.address, attempt.at);
  // A hard-stopped account is answered as a wrong password is (credentials.ts), unless its
  // address must wait anyway: the same answer an unknown email gets from that address.
  if (byAccount.length >= SIGN_IN_THROTTLE.account.hardStopFailures) {
    return addressWait > 0 ? { kind: "wait", seconds: addressWait } : { kind: "locked" };
  }
  const seconds = Math.max(escalatingWaitSeconds(byAccount, SIGN_IN_THROTTLE.account, attempt.at), addressWait);
  if (seconds > 0) return { kind: "wait", seconds };
  // Counted concurrently too: of many attempts at once, at most one can be the last before the stop.
  return { kind: "go", lastBeforeHardStop: byAccount.length + 1 >= SIGN_IN_THROTTLE.account.hardStopFailures };
}

/** The account's consecutive failures before this attempt, newest first, up to the hard stop. */
async function accountFailures(attempt: SignInAttempt): Promise<Date[]> {
  // LAB FLAW no-lockout-escalation: only the last few failures of a short window count, so the
  // wait never grows past the first and the hard stop is never reached: guessing goes on forever.
  if (flawOn("no-lockout-escalation")) {
    const { failuresPerStep, firstDelayMinutes } = SIGN_IN_THROTTLE.account;
    const since = new Date(attempt.at.getTime() - 2 * firstDelayMinutes * MINUTE_MS);
    return failuresBefore(attempt, { emailHash: attempt.emailHash }, failuresPerStep, since);
  }
  return failuresBefore(attempt, { emailHash: attempt.emailHash }, SIGN_IN_THROTTLE.account.hardStopFailures);
}

async function addressFailures(attempt: SignInAttempt): Promise<Date[]> {
  if (!attempt.network) return [];
  const { failuresPerStep, firstDelayMinutes, maxDelayMinutes, lookbackMinutes } = SIGN_IN_THROTTLE.address;
  // Enough rows to reach the longest wait; past it, each further failure restarts that wait.
  const longestStep = Math.ceil(Math.log2(maxDelayMinutes / firstDelayMinutes)) + 1;
  const since = new Date(attempt.at.getTime() - lookbackMinutes * MINUTE_MS);
  return failuresBefore(attempt, { network: attempt.network }, failuresPerStep * longestStep, since);
}

async function failuresBefore(
  attempt: SignInAttempt,
  where: { emailHash: string } | { network: string },
  take: number,
  since?: Date,
): Promise<Date[]> {
  const rows = await db.signInFailure.findMany({
    where: { ...where, id: { not: attempt.id }, createdAt: { gte: since } },
    orderBy: { createdAt: "desc" },
    take,
    select: { createdAt: true },
  });
  return rows.map((r) => r.createdAt);
}

/** A refused attempt was never checked: it must not extend the wait. */
export async function discardSignInAttempt(attempt: SignInAttempt): Promise<void> {
  await db.signInFailure.deleteMany({ where: { id: attempt.id } });
}

/** The right password: the email's count starts again (NIST counts consecutive failures). */
export async function clearSignInFailures(attempt: Pick<SignInAttempt, "emailHash">): Promise<void> {
  await db.signInFailure.deleteMany({ where: { emailHash: attempt.emailHash } });
}
