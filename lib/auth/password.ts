// Password hashing: bcrypt at a cost that makes offline guessing expensive (~225 ms a hash on
// the reference machine), compared in constant time by bcrypt itself. bcrypt never sees more
// than MAX_PASSWORD_BYTES (password-rules.ts), where it would silently truncate.
import bcrypt from "bcrypt";
import { db } from "@/lib/db";
import { fitsPasswordBytes, MAX_PASSWORD_BYTES } from "./password-rules";

export const BCRYPT_COST = 12;

/** Callers check the new password first (newPasswordProblem); a longer one is a bug here. */
export async function hashPassword(plain: string): Promise<string> {
  if (!fitsPasswordBytes(plain)) throw new Error(`A password may be at most ${MAX_PASSWORD_BYTES} bytes: bcrypt ignores the rest`);
  return bcrypt.hash(plain, BCRYPT_COST);
}

/**
 * A password over the limit is wrong, never compared: bcrypt would check only its first 72
 * bytes, which would let P + "anything" pass for P. No stored password is that long.
 */
export async function verifyPassword(plain: string, hash: string): Promise<boolean> {
  if (!fitsPasswordBytes(plain)) return false;
  return bcrypt.compare(plain, hash);
}

/** Checks a password against the user's stored hash, read here: sessions never carry it. */
export async function verifyUserPassword(userId: string, plain: string): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  return user !== null && (await verifyPassword(plain, user.passwordHash));
}
