// Checks an email and password. Every failure looks the same from outside (one generic error,
// about the same time), so the sign-in form cannot be used to find out who banks here. Attempts
// are limited per email and per address (throttle.ts) for the web form and the API alike; an
// account past the hard stop is answered exactly as a wrong password is.
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { flawOn } from "@/lib/lab/flaws";
// LAB ONLY
import { reportCountedAddress, reportSignInLimits } from "@/lib/lab/outcomes";
// END LAB ONLY
import { recordEvent } from "@/lib/session/events";
import { requestInfo } from "@/lib/session/request";
import { hasUnsafeCharacters } from "@/lib/text";
import { dummyPasswordHash, verifyPassword } from "./password";
import { MAX_PASSWORD_FIELD_LENGTH } from "./password-rules";
import { lockAccount } from "./lockout";
import {
  beginSignInAttempt,
  clearSignInFailures,
  discardSignInAttempt,
  throttleDecision,
  type SignInAttempt,
  type ThrottleDecision,
} from "./throttle";

const credentialsSchema = z.object({
  // No account's email has a control character, and on PostgreSQL a NUL in the lookup is an
  // error rather than a miss: such an email is refused like any wrong one, before any query.
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254)
    .refine((email) => !hasUnsafeCharacters(email)),
  password: z.string().min(1).max(MAX_PASSWORD_FIELD_LENGTH),
});

/** credentialGeneration: read in the same row as the hash that was checked (SessionOwner). */
export type VerifiedUser = { id: string; email: string; name: string; credentialGeneration: number };

export type CredentialsCheck =
  | { ok: true; user: VerifiedUser }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/** Whether this attempt's password may be checked at all: the sign-in limits' answer. */
async function signInDecision(attempt: SignInAttempt): Promise<ThrottleDecision> {
  // LAB FLAW no-login-throttle: unlimited guesses, so a weak password falls to a script.
  if (flawOn("no-login-throttle")) return { kind: "go", lastBeforeHardStop: false };
  return throttleDecision(attempt);
}

export async function verifyCredentials(input: unknown): Promise<CredentialsCheck> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;
  const request = await requestInfo();
  // LAB ONLY
  await reportCountedAddress(request.ip, async () => (await requestInfo()).ip);
  // END LAB ONLY
  const attempt = await beginSignInAttempt(email, request.ip);
  const user = await db.user.findUnique({ where: { email } });
  const decision = await signInDecision(attempt);
  // LAB ONLY
  await reportSignInLimits(decision, async () => (await signInDecision(attempt)).kind === "go");
  // END LAB ONLY
  // Refused without checking the password, whether or not the email has an account.
  if (decision.kind === "wait") {
    await discardSignInAttempt(attempt);
    await recordEvent({
      type: "sign_in_failure",
      userId: user?.id ?? null,
      request,
      detail: { reason: "throttled" },
    });
    return { ok: false, reason: "throttled", retryAfterSeconds: decision.seconds };
  }
  // Past the hard stop even the right password fails: the compare is against the dummy hash,
  // as for an unknown email, so the answer and its timing are a wrong password's.
  const locked = decision.kind === "locked";
  const hash = (!locked && user?.passwordHash) || (await dummyPasswordHash());
  const passwordOk = await verifyPassword(password, hash, user?.id ?? email);
  if (!user || !passwordOk || user.disabledAt || locked) {
    await recordEvent({
      type: "sign_in_failure",
      userId: user?.id ?? null,
      request,
      detail: { reason: failureReason(user, locked) },
    });
    if (user && (locked || (decision.kind === "go" && decision.lastBeforeHardStop))) {
      await lockAccount(user.id, request);
    }
    return { ok: false, reason: "invalid" };
  }
  await clearSignInFailures(attempt);
  const { id, name, credentialGeneration } = user;
  return { ok: true, user: { id, email: user.email, name, credentialGeneration } };
}

function failureReason(user: { disabledAt: Date | null } | null, locked: boolean): string {
  if (!user) return "unknown_email";
  if (locked) return "locked";
  return user.disabledAt ? "disabled" : "wrong_password";
}
