// The hostile-input suite's one rule for every answer (e2e/hostile-input.spec.ts,
// e2e/api/hostile-api-input.spec.ts): a clear 4xx or a form error, never a 5xx, never a stack
// trace, never a secret echoed (a session token or its hash, a password, a bcrypt hash). Plus the
// money check that goes with a refusal (nothing moved), and the property-test settings.
import type { APIResponse } from "@playwright/test";
import fc from "fast-check";
import type { Db } from "@/lib/db";
import { expect } from "./fixtures";
import { tokenHash } from "./log-secrets";

/** An HTTP answer, from Playwright's client or the raw one (raw-http.ts). */
export type Answer = { status: number; headers: Record<string, string>; body: string };

export async function answerOf(response: APIResponse): Promise<Answer> {
  return { status: response.status(), headers: response.headers(), body: await response.text() };
}

// What a stack trace or an error dump looks like in a body: a V8 frame, a file position in
// server code, an error class name followed by its message, or the framework's paths.
const STACK_TRACE_MARKERS = [
  /\bat \S+ \(.*:\d+:\d+\)/,
  /\bat (?:async )?\S+\.(?:js|mjs|cjs|ts|tsx):\d+/,
  /\b[A-Z]\w*(?:Error|Exception): /,
  /node_modules\//,
  /\.next\/server\//,
  // Database errors (PostgreSQL's own words, Prisma's error codes).
  /invalid byte sequence|\bP\d{4}\b.*prisma|DriverAdapterError/i,
];

const BCRYPT_HASH = /\$2[aby]\$\d{2}\$/;

/**
 * Everything that must never come back in an answer: passwords, session tokens and their
 * SHA-256 (what the database stores), as sent and as they would look inside a JSON string.
 */
export function secretsFor({ passwords = [], tokens = [] }: { passwords?: string[]; tokens?: string[] }): string[] {
  const raw = [...passwords, ...tokens, ...tokens.map(tokenHash)];
  return raw.flatMap((s) => [s, JSON.stringify(s).slice(1, -1)]).filter((s) => s.length >= 8);
}

/** The rule: below 500, no stack trace, no secret in the body or any header. */
export function expectSafeAnswer(answer: Answer, secrets: string[], context = ""): void {
  const where = context ? ` (${context})` : "";
  expect(answer.status, `a clear answer, not a server error${where}: ${answer.body.slice(0, 300)}`).toBeLessThan(500);
  for (const marker of STACK_TRACE_MARKERS) {
    expect(answer.body, `no stack trace or error dump in the body${where}`).not.toMatch(marker);
  }
  const everything = `${Object.values(answer.headers).join("\n")}\n${answer.body}`;
  expect(everything, `no bcrypt hash echoed${where}`).not.toMatch(BCRYPT_HASH);
  for (const secret of secrets) {
    expect(everything.includes(secret), `a secret was echoed${where}`).toBe(false);
  }
}

/** The balances of some accounts, in the order given, to prove a refused request moved nothing. */
export async function balancesOf(db: Db, accountIds: string[]): Promise<number[]> {
  const accounts = await db.account.findMany({ where: { id: { in: accountIds } } });
  return accountIds.map((id) => accounts.find((a) => a.id === id)!.balanceCents);
}

/**
 * fast-check's settings: a modest number of runs so each property takes seconds, and a seed
 * that can be replayed. fast-check prints the seed and the shrunk counterexample on failure;
 * FC_SEED=<seed> (and FC_PATH=<path>) replays exactly that run.
 */
export function runs(numRuns: number): fc.Parameters<unknown> {
  const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
  return { numRuns, seed, path: process.env.FC_PATH, endOnFailure: true };
}
