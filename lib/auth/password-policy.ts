// Rules for a new password (NIST SP 800-63B 3.1.1.2): long enough, not the old one, not on a
// list of commonly used passwords. No composition rules: length beats character classes. The
// upper bound is bcrypt's 72 bytes (password-rules.ts), stated plainly rather than truncated.
import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fitsPasswordBytes, MAX_PASSWORD_BYTES, MIN_PASSWORD_LENGTH } from "./password-rules";

let common: Set<string> | undefined;

/** The 10,000 most common passwords, loaded once. */
function commonPasswords(): Set<string> {
  if (!common) {
    const file = path.join(process.cwd(), "lib", "auth", "common-passwords.txt");
    const lines = readFileSync(file, "utf8").split("\n");
    common = new Set(lines.filter((line) => line && !line.startsWith("#")));
  }
  return common;
}

export function isCommonPassword(candidate: string): boolean {
  return commonPasswords().has(candidate.toLowerCase());
}

const TOO_LONG =
  `That password is too long: use at most ${MAX_PASSWORD_BYTES} bytes ` +
  `(${MAX_PASSWORD_BYTES} plain letters, digits or symbols; accented letters and emoji take 2 to 4 bytes each).`;

/** Returns what is wrong with a proposed new password, or null when it is acceptable. */
export function newPasswordProblem(candidate: string, current: string): string | null {
  if (candidate.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (!fitsPasswordBytes(candidate)) return TOO_LONG;
  if (candidate === current) return "Choose a password different from your current one.";
  if (isCommonPassword(candidate)) return "That password is too common. Choose one that is harder to guess.";
  return null;
}
