// Password limits, shared by the server checks and the forms (client-safe).
export const MIN_PASSWORD_LENGTH = 12;

/**
 * bcrypt's cost for new hashes unless PASSWORD_HASH_COST says otherwise (~225 ms a hash on the
 * reference machine), and the least a production server starts with (lib/env.ts): each step
 * down halves what cracking a stolen password table costs.
 */
export const PRODUCTION_HASH_COST = 12;

/**
 * bcrypt reads only the first 72 bytes of a password and ignores the rest: with a longer one, P
 * and P + "anything" would be the same password. So no password over 72 bytes is ever set, and
 * one presented at a check is simply wrong (lib/auth/password.ts). UTF-8 bytes, not characters:
 * "é" is 2 bytes, "🔒" is 4.
 */
export const MAX_PASSWORD_BYTES = 72;

/**
 * The most characters a password field in a request may carry: far above any password that can
 * be right, so an over-long guess is still an ordinary (counted, refused) attempt, while no
 * request pushes megabytes through a parser.
 */
export const MAX_PASSWORD_FIELD_LENGTH = 1024;

export function passwordByteLength(password: string): number {
  return new TextEncoder().encode(password).length;
}

export function fitsPasswordBytes(password: string): boolean {
  return passwordByteLength(password) <= MAX_PASSWORD_BYTES;
}
