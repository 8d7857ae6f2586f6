// Checks an email and password. Every failure looks the same from outside (one generic error,
// about the same time), so the sign-in form cannot be used to find out who banks here.
import { z } from "zod";
import { db } from "@/lib/db";
import { recordEvent } from "@/lib/session/events";
import { requestInfo } from "@/lib/session/request";
import { verifyPassword } from "./password";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().min(1).max(200),
});

// A bcrypt hash (cost 12) of a random string nobody knows: unknown emails still pay for one
// compare, so response time does not reveal whether an account exists.
const DUMMY_HASH = "$2b$12$OIiIozYSF/A1DcWkqYrFx./ctjMAFlgWNx/bdZ0o4C40WeIcFAOo2";

export type VerifiedUser = { id: string; email: string; name: string };

export async function verifyCredentials(input: unknown): Promise<VerifiedUser | null> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const user = await db.user.findUnique({ where: { email } });
  const passwordOk = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !passwordOk || user.disabledAt) {
    await recordEvent({
      type: "sign_in_failure",
      userId: user?.id ?? null,
      request: await requestInfo(),
      detail: { reason: user ? (user.disabledAt ? "disabled" : "wrong_password") : "unknown_email" },
    });
    return null;
  }
  return { id: user.id, email: user.email, name: user.name };
}
