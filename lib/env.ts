// Server environment, checked once at start-up (instrumentation.ts) so a missing secret is a
// clear error at boot rather than a failure on the first request.
import "server-only";
import { labStartupRefusal } from "@/lib/lab/flaws";
import { sessionPolicy } from "@/lib/session/policy";

/** The public origin the app is served from; decides https-only cookie rules. */
export function appOrigin(): string {
  return process.env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? "3000"}`;
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
  const refusal = labStartupRefusal(env);
  if (refusal) problems.push(refusal);
  return problems;
}
