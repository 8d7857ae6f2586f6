// Password hashing: bcrypt at a cost that makes offline guessing expensive (~225 ms a hash on
// the reference machine), compared in constant time by bcrypt itself.
import bcrypt from "bcrypt";

export const BCRYPT_COST = 12;

export async function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, BCRYPT_COST);
}

export async function verifyPassword(plain: string, hash: string): Promise<boolean> {
  return bcrypt.compare(plain, hash);
}
