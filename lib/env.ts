// Every environment variable Vaultline reads, declared once here and parsed with zod. The server
// parses them at start-up (instrumentation.ts → lib/startup.ts) and refuses to start on a bad
// value, naming the variable; the app then reads its settings from serverEnv(), never from
// process.env. `.env.example` lists them all.
//
// No "server-only" marker: the db scripts and the bench load this outside Next. Nothing here can
// reach a browser bundle by accident: Next inlines only NEXT_PUBLIC_ variables into client code.
import { realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { z } from "zod";
import { PRODUCTION_HASH_COST } from "./auth/password-rules";
import { databaseKind, DEFAULT_DATABASE_URL, isOwnSqliteFile, sqlitePath } from "./database-url";
// LAB ONLY
import { parseFlaws } from "./lab/flaw-names";
import { MIN_LAB_KEY_LENGTH } from "./lab/key";
// END LAB ONLY
import { POLICY_PRESET_NAMES, type PolicyPreset } from "./session/preset-names";

/** next-auth signs its CSRF token with it: 32 random characters at least (`openssl rand -base64 32`). */
export const MIN_SECRET_LENGTH = 32;

/** Node's timers hold at most 2^31 - 1 ms; a longer one fires after 1 ms instead. */
const MAX_TIMER_MINUTES = Math.floor((2 ** 31 - 1) / 60_000);

/** A line `NAME=` in an env file means "not set", as an absent line does. */
const unsetWhenBlank = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const optionalText = z.preprocess(unsetWhenBlank, z.string().trim().optional());

/** "1" switches it on; unset or blank leaves it off; anything else is a mistake worth stopping for. */
const onSwitch = (meaning: string) =>
  z
    .preprocess(
      unsetWhenBlank,
      z.literal("1", { error: (issue) => `must be 1 (${meaning}) or unset, not "${String(issue.input)}".` }).optional(),
    )
    .transform((value) => value === "1");

function wholeNumber(fallback: number, max: number, what: string) {
  return optionalText.transform((raw, ctx) => {
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) > max) {
      ctx.addIssue({ code: "custom", message: `must be ${what}, not "${raw}".` });
      return z.NEVER;
    }
    return Number(raw);
  });
}

/** An http(s) URL, kept as its origin (scheme, host and port): what same-origin checks compare. */
const originUrl = optionalText.transform((raw, ctx) => {
  if (raw === undefined) return undefined;
  const url = URL.canParse(raw) ? new URL(raw) : null;
  if (url?.protocol !== "https:" && url?.protocol !== "http:") {
    ctx.addIssue({ code: "custom", message: `must be an http:// or https:// address, not "${raw}".` });
    return z.NEVER;
  }
  return url.origin;
});

const schema = z.object({
  /** Set by Next (and server.mjs); unset in a script means not production. */
  NODE_ENV: z.preprocess(
    unsetWhenBlank,
    z
      .enum(["development", "production", "test"], {
        error: (issue) => `must be development, production or test, not "${String(issue.input)}".`,
      })
      .optional(),
  ),
  /** The public origin; unset means http://localhost:PORT. */
  NEXTAUTH_URL: originUrl,
  NEXTAUTH_SECRET: optionalText,
  PORT: wholeNumber(3000, 65535, "a port number"),
  DATABASE_URL: optionalText.transform((raw, ctx) => {
    const url = raw ?? DEFAULT_DATABASE_URL;
    try {
      databaseKind(url);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: (error as Error).message.replace(/^DATABASE_URL /, "") });
      return z.NEVER;
    }
    return url;
  }),
  /** How many proxies append the client's address to X-Forwarded-For (0: facing clients directly). */
  TRUSTED_PROXY_COUNT: wholeNumber(0, 100, "the number of proxies in front of Vaultline (0 when none)"),
  SESSION_CLEANUP_INTERVAL_MINUTES: wholeNumber(
    15,
    MAX_TIMER_MINUTES,
    `a whole number of minutes up to ${MAX_TIMER_MINUTES} (about 24 days; 0 turns the job off)`,
  ),
  SESSION_POLICY: z
    .preprocess(unsetWhenBlank, z.string().trim().default("default"))
    .refine((name) => (POLICY_PRESET_NAMES as readonly string[]).includes(name), {
      error: (issue) => `must be one of ${POLICY_PRESET_NAMES.join(", ")}, not "${String(issue.input)}".`,
    }) as unknown as z.ZodType<PolicyPreset>,
  /** Plain HTTP in production, on purpose (a local trial of the production build). */
  ALLOW_PLAIN_HTTP: onSwitch("plain HTTP in production on purpose"),
  /** bcrypt's cost for new password hashes: 12 unless set; below 12 only on a test server. */
  PASSWORD_HASH_COST: wholeNumber(PRODUCTION_HASH_COST, 31, "a bcrypt cost from 4 to 31").refine((cost) => cost >= 4, {
    error: "must be a bcrypt cost from 4 to 31.",
  }),
  /** A cost below 12 in production, on purpose: the test servers, which hash thousands of times a run. */
  ALLOW_WEAK_PASSWORD_HASH: onSwitch("a bcrypt cost below 12 in production, for a test server"),
  // LAB ONLY
  LAB_ALLOW: onSwitch("lab mode"),
  LAB_FLAWS: optionalText.transform((raw, ctx) => {
    try {
      return parseFlaws(raw);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: (error as Error).message });
      return z.NEVER;
    }
  }),
  /** The lab console's key (lib/lab/key.ts): required in lab mode; `npm run lab` draws one per start. */
  LAB_KEY: optionalText,
  /**
   * The address a lab server listens on (server.mjs reads it): loopback when unset, so only this
   * machine reaches the lab; another address (0.0.0.0 for a classroom network) only on purpose.
   */
  LAB_HOST: optionalText,
  /** The lab's attacker site, whose captures the console's inbox shows. */
  LAB_ATTACKER_URL: originUrl,
  // END LAB ONLY
  /** Set by server.mjs for each start: proves the client address it stamps on requests is its own. */
  VAULTLINE_PEER_KEY: optionalText,
});

export type ServerEnv = z.infer<typeof schema>;

/** The names of every variable the app reads (`.env.example` documents each one). */
export const ENV_VARIABLES = Object.keys(schema.shape) as (keyof ServerEnv)[];
type RawEnv = Record<string, string | undefined>;

/** The settings, or one message per bad variable, each starting with the variable's name. */
export function parseEnv(raw: RawEnv): { ok: true; env: ServerEnv } | { ok: false; problems: string[] } {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, env: result.data };
  return { ok: false, problems: result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`) };
}

// On globalThis, not in a module variable: Next bundles instrumentation.ts (the start-up check)
// apart from the proxy and the routes, each with its own copy of this module.
const PARSED = Symbol.for("vaultline.env");
type ParsedHolder = { [PARSED]?: ReturnType<typeof parseEnv> };

/** process.env, parsed once per process: by the start-up check, then kept for every serverEnv(). */
function parsedProcessEnv(): ReturnType<typeof parseEnv> {
  const holder = globalThis as ParsedHolder;
  return (holder[PARSED] ??= parseEnv(process.env));
}

/** The settings in force, parsed from process.env once. */
export function serverEnv(): ServerEnv {
  const result = parsedProcessEnv();
  if (!result.ok) throw new Error(result.problems.join("\n"));
  return result.env;
}

/** The public origin the app is served from; decides https-only cookie rules. */
export function appOrigin(env: ServerEnv = serverEnv()): string {
  return env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;
}

/** Decides the https-only rules: Secure __Host- cookies and HSTS. */
export function servedOverHttps(env: ServerEnv = serverEnv()): boolean {
  return appOrigin(env).startsWith("https:");
}

/** Returns the problems that must stop the server from starting (empty when all is well). */
export function startupProblems(raw: RawEnv): string[] {
  return problemsIn(
    parseEnv(raw),
    // LAB ONLY
    raw,
    // END LAB ONLY
  );
}

/** The same check on the server's own environment, on the one parse serverEnv() then serves. */
export function serverStartupProblems(): string[] {
  return problemsIn(
    parsedProcessEnv(),
    // LAB ONLY
    process.env,
    // END LAB ONLY
  );
}

function problemsIn(
  result: ReturnType<typeof parseEnv>,
  // LAB ONLY: the message names LAB_FLAWS as it was written
  raw: RawEnv,
  // END LAB ONLY
): string[] {
  if (!result.ok) return result.problems;
  const env = result.env;
  const problems = env.NODE_ENV === "production" ? productionProblems(env) : [];
  // LAB ONLY
  // Whatever NODE_ENV says ("test", or a staging server that forgot it): flaws need LAB_ALLOW=1.
  if (env.LAB_FLAWS.length > 0 && !env.LAB_ALLOW) {
    problems.push(
      `LAB_FLAWS=${raw.LAB_FLAWS} switches off security defenses. Unset LAB_FLAWS, or on a training server only, set LAB_ALLOW=1 (npm run lab does).`,
    );
  }
  problems.push(...labKeyProblems(env));
  // END LAB ONLY
  if (!env.VAULTLINE_PEER_KEY) {
    problems.push(
      "Start Vaultline with `npm start` or `npm run dev` (server.mjs), not `next start` or `next dev`: only server.mjs tells the app the client's address, without which the per-address sign-in limit cannot hold.",
    );
  }
  return problems;
}

// LAB ONLY
/** A lab's console switches defenses off and resets accounts: without a key, anyone reaching the port could. */
function labKeyProblems(env: ServerEnv): string[] {
  if (!env.LAB_ALLOW) return [];
  if (!env.LAB_KEY) {
    return [
      "LAB_ALLOW=1 needs LAB_KEY, the key the lab console asks for: start the lab with `npm run lab`, which draws one, or set LAB_KEY to a random value (`openssl rand -base64 32`).",
    ];
  }
  if (env.LAB_KEY.length < MIN_LAB_KEY_LENGTH) {
    return [
      `LAB_KEY is ${env.LAB_KEY.length} characters long; use at least ${MIN_LAB_KEY_LENGTH} random ones (\`openssl rand -base64 32\`).`,
    ];
  }
  return [];
}
// END LAB ONLY

/** What a production server must not run with, each of which development tolerates. */
function productionProblems(env: ServerEnv): string[] {
  const problems: string[] = [];
  if (!env.NEXTAUTH_SECRET) {
    problems.push(
      "NEXTAUTH_SECRET is not set. Generate one with `openssl rand -base64 32` and set it in the environment.",
    );
  } else if (env.NEXTAUTH_SECRET.length < MIN_SECRET_LENGTH) {
    problems.push(
      `NEXTAUTH_SECRET is ${env.NEXTAUTH_SECRET.length} characters long; use at least ${MIN_SECRET_LENGTH} random ones (\`openssl rand -base64 32\`).`,
    );
  }
  // Session cookies sent in plain text can be read by anyone on the network path.
  if (!servedOverHttps(env) && !env.ALLOW_PLAIN_HTTP) {
    problems.push(
      `NEXTAUTH_URL is ${env.NEXTAUTH_URL ? `plain HTTP (${env.NEXTAUTH_URL})` : `unset (so http://localhost:${env.PORT})`}: session cookies would cross the network in plain text. Serve over HTTPS and set NEXTAUTH_URL=https://…, or set ALLOW_PLAIN_HTTP=1 to try the production build locally.`,
    );
  }
  // A cheap hash makes a stolen password table cheap to crack.
  if (env.PASSWORD_HASH_COST < PRODUCTION_HASH_COST && !env.ALLOW_WEAK_PASSWORD_HASH) {
    problems.push(
      `PASSWORD_HASH_COST=${env.PASSWORD_HASH_COST} is below ${PRODUCTION_HASH_COST}: stolen password hashes would be cheap to crack. Unset PASSWORD_HASH_COST (it is then ${PRODUCTION_HASH_COST}), or on a test server only, set ALLOW_WEAK_PASSWORD_HASH=1.`,
    );
  }
  // Only a database someone configured: the ones Vaultline makes for itself (development's, the
  // lab's, the tests') go with the clone, which may sit in a temporary directory itself.
  const file = databaseKind(env.DATABASE_URL) === "sqlite" ? path.resolve(sqlitePath(env.DATABASE_URL)) : null;
  if (file && !isOwnSqliteFile(file) && isInTempDirectory(file)) {
    problems.push(
      `DATABASE_URL is an SQLite file in a temporary directory (${file}): the system may delete it, and every account and session with it. Set DATABASE_URL to a file outside temporary directories, or to a postgresql:// URL.`,
    );
  }
  return problems;
}

/** What a server that must not start prints: that it refuses, and each problem with its remedy. */
export function startupRefusal(problems: string[]): string {
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  return [`[vaultline] Refusing to start (${count}):`, ...problems.map((problem) => `  - ${problem}`)].join("\n");
}

const TEMP_DIRECTORIES = [tmpdir(), "/tmp", "/var/tmp", "/dev/shm"];

function isInTempDirectory(file: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return p;
    }
  };
  const dir = real(path.dirname(file));
  return TEMP_DIRECTORIES.map(real).some((temp) => dir === temp || dir.startsWith(temp + path.sep));
}
