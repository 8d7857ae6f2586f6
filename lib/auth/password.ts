// Password hashing: bcrypt at a cost that makes offline guessing expensive (~225 ms a hash on
// the reference machine), compared in constant time by bcrypt itself.
import bcrypt from "bcrypt";
import { db } from "@/lib/db";

export const BCRYPT_COST = 12;

export async function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, BCRYPT_COST);
}

export async function verifyPassword(plain: string, hash: string): Promise<boolean> {
  return bcrypt.compare(plain, hash);
}

/** Checks a password against the user's stored hash, read here: sessions never carry it. */
export async function verifyUserPassword(userId: string, plain: string): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  return user !== null && (await verifyPassword(plain, user.passwordHash));
}
