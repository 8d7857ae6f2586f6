// Password hashing: bcrypt at a cost that makes offline guessing expensive (PASSWORD_HASH_COST,
// 12 and at least that in production: lib/env.ts), compared in constant time by bcrypt itself.
// bcrypt never sees more than MAX_PASSWORD_BYTES (password-rules.ts), where it would silently
// truncate.
import { randomBytes } from "node:crypto";
import os from "node:os";
import bcrypt from "bcrypt";
import { db } from "@/lib/db";
import { serverEnv } from "@/lib/env";
import { flawOn } from "@/lib/lab/flaws";
// LAB ONLY
import { labMode } from "@/lib/lab/flaws";
import { checkAmidFloods } from "@/lib/lab/hash-queue";
// END LAB ONLY
import { fitsPasswordBytes, MAX_PASSWORD_BYTES } from "./password-rules";

// bcrypt runs on libuv's worker threads, four at once by default. On a two-core server twenty
// simultaneous sign-ins would take every core, and every other user's page would wait behind
// them. So hashes run at most (cores - 1) at a time and the rest queue: a burst of sign-ins
// waits longer, the signed-in users do not notice it (docs/benchmarks.md, sign-in under load).
const HASH_SLOTS = Math.max(1, os.availableParallelism() - 1);

// One queue per process, on globalThis: the sign-in route and the server actions are bundled
// apart, and two queues would let twice as many hashes run.
type HashGate = { running: number; waiting: (() => void)[] };
const gate: HashGate = ((globalThis as typeof globalThis & { vaultlineHashGate?: HashGate }).vaultlineHashGate ??= {
  running: 0,
  waiting: [],
});

async function inHashSlot<T>(work: () => Promise<T>): Promise<T> {
  if (gate.running < HASH_SLOTS) gate.running++;
  else await new Promise<void>((resolve) => gate.waiting.push(resolve));
  try {
    return await work();
  } finally {
    // Hand the slot straight to the next in line, or give it back.
    const next = gate.waiting.shift();
    if (next) next();
    else gate.running--;
  }
}

// Fairness: one user's checks wait behind each other before they reach the shared gate, so a
// user holds at most one slot and one place in its line at a time. A flood of one user's
// password checks (sign-ins, correct step-ups) then costs every other user at most one hash of
// waiting, instead of the whole flood: round-robin across users rather than first-come across
// requests. The tail of each user's line, per process for the same reason as the gate.
const userLines: Map<string, Promise<unknown>> = ((
  globalThis as typeof globalThis & { vaultlineHashLines?: Map<string, Promise<unknown>> }
).vaultlineHashLines ??= new Map());

async function inUserHashSlot<T>(userKey: string, work: () => Promise<T>): Promise<T> {
  // LAB FLAW unfair-hash-queue: every check joins the one first-come-first-served line, so one
  // user's flood sits in front of everyone else's sign-in.
  if (flawOn("unfair-hash-queue")) return inHashSlot(work);
  const ahead = userLines.get(userKey) ?? Promise.resolve();
  const mine = ahead.then(() => inHashSlot(work));
  const tail = mine.catch(() => undefined);
  userLines.set(userKey, tail);
  try {
    return await mine;
  } finally {
    if (userLines.get(userKey) === tail) userLines.delete(userKey);
  }
}

/** The cost this server gives new hashes (PASSWORD_HASH_COST). */
function passwordHashCost(): number {
  return serverEnv().PASSWORD_HASH_COST;
}

/** Callers check the new password first (newPasswordProblem); a longer one is a bug here. */
export async function hashPassword(plain: string, cost = passwordHashCost()): Promise<string> {
  if (!fitsPasswordBytes(plain))
    throw new Error(`A password may be at most ${MAX_PASSWORD_BYTES} bytes: bcrypt ignores the rest`);
  return inHashSlot(() => bcrypt.hash(plain, cost));
}

// Unknown emails and hard-stopped accounts are still compared, against a hash of a random string
// nobody knows, at the server's own cost: their answer takes as long as a wrong password's, so
// timing reveals neither. Made once per process, on globalThis for the same reason as the gate;
// the start-up (instrumentation.ts) makes it, so no visitor's answer waits for it.
const dummy = globalThis as typeof globalThis & { vaultlineDummyHash?: Promise<string> };

export function dummyPasswordHash(): Promise<string> {
  return (dummy.vaultlineDummyHash ??= bcrypt.hash(randomBytes(32).toString("base64"), passwordHashCost()));
}

/**
 * A password over the limit is wrong, never compared: bcrypt would check only its first 72
 * bytes, which would let P + "anything" pass for P. No stored password is that long.
 * `userKey` names whose check this is (a user ID, or the email typed for an unknown one): one
 * key's checks run one at a time (inUserHashSlot).
 */
export async function verifyPassword(plain: string, hash: string, userKey: string): Promise<boolean> {
  if (!fitsPasswordBytes(plain)) return false;
  const check = () => inUserHashSlot(userKey, () => bcrypt.compare(plain, hash));
  // LAB ONLY
  if (labMode()) return checkAmidFloods(userKey, HASH_SLOTS, check);
  // END LAB ONLY
  return check();
}

/** Checks a password against the user's stored hash, read here: sessions never carry it. */
export async function verifyUserPassword(userId: string, plain: string): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  return user !== null && (await verifyPassword(plain, user.passwordHash, userId));
}
