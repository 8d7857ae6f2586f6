// Server environment, checked once at start-up (instrumentation.ts) so a missing secret is a
// clear error at boot rather than a failure on the first request.
import "server-only";
import { labStartupRefusal } from "@/lib/lab/flaws";
import { sessionPolicy } from "@/lib/session/policy";

/** The public origin the app is served from; decides https-only cookie rules. */
export function appOrigin(): string {
  return process.env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? "3000"}`;
}

/** Decides the https-only rules: Secure __Host- cookies and HSTS. */
export function servedOverHttps(): boolean {
  return appOrigin().startsWith("https:");
}

/**
 * How many proxies in front of the app append the client's address to X-Forwarded-For
 * (TRUSTED_PROXY_COUNT). None by default: a directly exposed server must ignore the header,
 * which only the client could have written. Throws on anything but a whole number.
 */
export function trustedProxyCount(env: Record<string, string | undefined> = process.env): number {
  return wholeNumberSetting(env.TRUSTED_PROXY_COUNT, 0, (raw) => `TRUSTED_PROXY_COUNT must be the number of proxies in front of Vaultline (0 when none), not "${raw}".`);
}

/** Node's timers hold at most 2^31 - 1 ms. */
const MAX_TIMER_MINUTES = Math.floor((2 ** 31 - 1) / 60_000);

/**
 * How often each server deletes expired sessions (lib/session/cleanup.ts):
 * SESSION_CLEANUP_INTERVAL_MINUTES, 15 by default, 0 for never. Throws on anything else.
 */
export function cleanupIntervalMinutes(env: Record<string, string | undefined> = process.env): number {
  const minutes = wholeNumberSetting(env.SESSION_CLEANUP_INTERVAL_MINUTES, 15, (raw) => `SESSION_CLEANUP_INTERVAL_MINUTES must be a whole number of minutes (0 turns the job off), not "${raw?.trim()}".`);
  // A longer timer than Node can hold would not wait at all: Node runs it after 1 ms instead.
  if (minutes > MAX_TIMER_MINUTES) {
    throw new Error(`SESSION_CLEANUP_INTERVAL_MINUTES can be at most ${MAX_TIMER_MINUTES} (about 24 days), not ${minutes}.`);
  }
  return minutes;
}

/** A whole-number setting, or its default when unset or blank; `problem` says what is wrong otherwise. */
function wholeNumberSetting(raw: string | undefined, fallback: number, problem: (raw: string | undefined) => string): number {
  const value = raw?.trim() || String(fallback);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) throw new Error(problem(raw));
  return Number(value);
}

/** Returns the problems that must stop the server from starting (empty when all is well). */
export function startupProblems(env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  if (env.NODE_ENV === "production" && !env.NEXTAUTH_SECRET) {
    problems.push("NEXTAUTH_SECRET is not set. Generate one with `openssl rand -base64 32` and set it in the environment.");
  }
  try {
    sessionPolicy();
  } catch (error) {
    problems.push((error as Error).message);
  }
  for (const check of [trustedProxyCount, cleanupIntervalMinutes]) {
    try {
      check(env);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  if (!env.VAULTLINE_PEER_KEY) {
    problems.push(
      "Start Vaultline with `npm start` or `npm run dev` (server.mjs), not `next start` or `next dev`: only server.mjs tells the app the client's address, without which the per-address sign-in limit cannot hold.",
    );
  }
  const refusal = labStartupRefusal(env);
  if (refusal) problems.push(refusal);
  return problems;
}
