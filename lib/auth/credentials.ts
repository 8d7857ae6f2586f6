// Checks an email and password. Every failure looks the same from outside (one generic error,
// about the same time), so the sign-in form cannot be used to find out who banks here. Attempts
// are limited per email and per address (throttle.ts) for the web form and the API alike.
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { flawOn } from "@/lib/lab/flaws";
import { recordEvent } from "@/lib/session/events";
import { requestInfo } from "@/lib/session/request";
import { hasUnsafeCharacters } from "@/lib/text";
import { verifyPassword } from "./password";
import { MAX_PASSWORD_FIELD_LENGTH } from "./password-rules";
import { beginSignInAttempt, clearSignInFailures, discardSignInAttempt, throttledFor } from "./throttle";

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

// A bcrypt hash (cost 12) of a random string nobody knows: unknown emails still pay for one
// compare, so response time does not reveal whether an account exists.
const DUMMY_HASH = "$2b$12$OIiIozYSF/A1DcWkqYrFx./ctjMAFlgWNx/bdZ0o4C40WeIcFAOo2";

/** credentialGeneration: read in the same row as the hash that was checked (SessionOwner). */
export type VerifiedUser = { id: string; email: string; name: string; credentialGeneration: number };

export type CredentialsCheck =
  | { ok: true; user: VerifiedUser }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

export async function verifyCredentials(input: unknown): Promise<CredentialsCheck> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;
  const request = await requestInfo();
  const attempt = await beginSignInAttempt(email, request.ip);
  const user = await db.user.findUnique({ where: { email } });
  // LAB FLAW no-login-throttle: unlimited guesses, so a weak password falls to a script.
  if (!flawOn("no-login-throttle")) {
    // Refused without checking the password, whether or not the email has an account.
    const retryAfterSeconds = await throttledFor(attempt);
    if (retryAfterSeconds > 0) {
      await discardSignInAttempt(attempt);
      await recordEvent({
        type: "sign_in_failure",
        userId: user?.id ?? null,
        request,
        detail: { reason: "throttled" },
      });
      return { ok: false, reason: "throttled", retryAfterSeconds };
    }
  }
  const passwordOk = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH, user?.id ?? email);
  if (!user || !passwordOk || user.disabledAt) {
    await recordEvent({
      type: "sign_in_failure",
      userId: user?.id ?? null,
      request,
      detail: { reason: user ? (user.disabledAt ? "disabled" : "wrong_password") : "unknown_email" },
    });
    return { ok: false, reason: "invalid" };
  }
  await clearSignInFailures(attempt);
  const { id, name, credentialGeneration } = user;
  return { ok: true, user: { id, email: user.email, name, credentialGeneration } };
}
