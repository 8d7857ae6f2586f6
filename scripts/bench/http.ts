// The bench's HTTP figures, each against a running production server: what a session costs a
// request, how often sessions write, a sign-in burst beside signed-in users, and the expired-
// session cleanup beside live traffic.
import { spawn } from "node:child_process";
import bcrypt from "bcrypt";
import { PRODUCTION_HASH_COST } from "../../lib/auth/password-rules";
import { load, postJson, type LoadResult } from "./measure";
import { watchRowWrites } from "./row-writes";
import { createSessions, createUsers, type BenchServer } from "./servers";

export type Sizes = { loadMs: number; writesMs: number; writesRequests: number; sessions: number; signIns: number };

const CONNECTIONS = 10;
const COOKIE = "vaultline.session";

const cookie = (tokens: string[]) => (n: number) => ({ cookie: `${COOKIE}=${tokens[n % tokens.length]}` });
const bearer = (tokens: string[]) => (n: number) => ({ authorization: `Bearer ${tokens[n % tokens.length]}` });

function latencyKeys(prefix: string, result: LoadResult): Record<string, number> {
  return { [`${prefix}_rps`]: result.perSecond, [`${prefix}_p50_ms`]: result.p50, [`${prefix}_p99_ms`]: result.p99 };
}

/** Fails the bench when a load got answers it should not have (a 401 would be cheap, and wrong). */
function expectStatus(name: string, result: LoadResult, status: number): LoadResult {
  const wrong = Object.entries(result.statuses).filter(([code]) => Number(code) !== status);
  if (wrong.length > 0) throw new Error(`${name}: expected only ${status}, got ${JSON.stringify(result.statuses)}`);
  return result;
}

/** The same URL with and without a session, and a signed-in page against the public sign-in page. */
export async function requestOverhead(server: BenchServer, sizes: Sizes): Promise<Record<string, number>> {
  const alice = await server.db.user.findUniqueOrThrow({ where: { email: "alice@vaultline.test" } });
  const apiTokens = await createSessions(server.db, alice.id, CONNECTIONS, "api");
  const webTokens = await createSessions(server.db, alice.id, CONNECTIONS, "web");
  const run = (path: string, status: number, headers?: (n: number) => Record<string, string>) =>
    load({ url: `${server.url}${path}`, headers, connections: CONNECTIONS, durationMs: sizes.loadMs }).then((r) => expectStatus(path, r, status));
  await run("/signin", 200); // warm-up: first renders compile nothing, but fill caches
  await run("/profile", 200, cookie(webTokens));
  const apiAnon = await run("/api/v1/sessions/current", 401);
  const apiAuth = await run("/api/v1/sessions/current", 200, bearer(apiTokens));
  const pagePublic = await run("/signin", 200);
  const pageAuth = await run("/profile", 200, cookie(webTokens));
  return {
    ...latencyKeys("http_api_anon", apiAnon),
    ...latencyKeys("http_api_auth", apiAuth),
    ...latencyKeys("http_page_public", pagePublic),
    ...latencyKeys("http_page_auth", pageAuth),
    http_api_auth_vs_anon: apiAuth.perSecond / apiAnon.perSecond,
    http_page_auth_vs_public: pageAuth.perSecond / pagePublic.perSecond,
    peak_rss_mb: server.peakRssMb(),
  };
}

/** Signed-in page views from many sessions for over a minute, then the status poll alone. */
export async function sessionWrites(server: BenchServer, databaseUrl: string, sizes: Sizes): Promise<Record<string, number>> {
  const alice = await server.db.user.findUniqueOrThrow({ where: { email: "alice@vaultline.test" } });
  const tokens = await createSessions(server.db, alice.id, sizes.sessions, "web");
  const writes = await watchRowWrites(databaseUrl);
  const started = Date.now();
  const pages = expectStatus("/dashboard", await load({ url: `${server.url}/dashboard`, headers: cookie(tokens), connections: CONNECTIONS, durationMs: sizes.writesMs }), 200);
  let requests = pages.count;
  if (requests < sizes.writesRequests) {
    const more = await load({ url: `${server.url}/dashboard`, headers: cookie(tokens), connections: CONNECTIONS, requests: sizes.writesRequests - requests });
    requests += expectStatus("/dashboard", more, 200).count;
  }
  const minutes = (Date.now() - started) / 60_000;
  const afterPages = await writes.count();
  const polls = await load({ url: `${server.url}/session/status?tier=medium`, headers: cookie(tokens), connections: CONNECTIONS, requests: sizes.sessions * 10 });
  expectStatus("/session/status", polls, 200);
  const afterPolls = await writes.count();
  await writes.stop();
  return {
    writes_requests: requests,
    writes_sessions: sizes.sessions,
    writes_rows: afterPages,
    writes_per_session_minute: afterPages / sizes.sessions / minutes,
    status_poll_requests: polls.count,
    status_poll_writes: afterPolls - afterPages,
  };
}

/** Signed-in users' dashboards, alone and then while a burst of users sign in (bcrypt cost 12). */
export async function signInBurst(server: BenchServer, sizes: Sizes): Promise<Record<string, number>> {
  const password = "bench-password-long-enough-1";
  const users = await createUsers(server.db, sizes.signIns, await bcrypt.hash(password, PRODUCTION_HASH_COST));
  const alice = await server.db.user.findUniqueOrThrow({ where: { email: "alice@vaultline.test" } });
  const tokens = await createSessions(server.db, alice.id, CONNECTIONS, "web");
  const dashboards = (durationMs: number) =>
    load({ url: `${server.url}/dashboard`, headers: cookie(tokens), connections: CONNECTIONS, durationMs, pauseMs: 20 }).then((r) => expectStatus("/dashboard", r, 200));
  const alone = await dashboards(sizes.loadMs);
  const started = Date.now();
  // Each sign-in from its own address, as many customers behind one proxy would arrive.
  const signIns = Promise.all(
    users.map((user, i) => postJson(`${server.url}/api/v1/sessions`, { email: user.email, password }, { "x-forwarded-for": `198.51.100.${i + 1}` })),
  );
  const [during, answers] = await Promise.all([dashboards(sizes.loadMs), signIns]);
  const failed = answers.filter((a) => a.status !== 201);
  if (failed.length > 0) throw new Error(`sign-in burst: ${failed.length} sign-ins answered ${failed[0]!.status}`);
  return {
    signin_load_signins: users.length,
    signin_load_wall_ms: Date.now() - started,
    signin_load_baseline_p99_ms: alone.p99,
    signin_load_dashboard_p99_ms: during.p99,
  };
}

/** Request latency on a table of expired sessions, before and while `npm run sessions:cleanup` runs. */
export async function cleanupBesideTraffic(server: BenchServer, databaseUrl: string, sizes: Sizes): Promise<Record<string, number>> {
  const alice = await server.db.user.findUniqueOrThrow({ where: { email: "alice@vaultline.test" } });
  const tokens = await createSessions(server.db, alice.id, CONNECTIONS, "api");
  const traffic = (options: { durationMs?: number; stopWhen?: () => boolean }) =>
    load({ url: `${server.url}/api/v1/sessions/current`, headers: bearer(tokens), connections: CONNECTIONS, pauseMs: 5, ...options }).then((r) =>
      expectStatus("/api/v1/sessions/current", r, 200),
    );
  const before = await traffic({ durationMs: sizes.loadMs });
  const rowsBefore = await server.db.session.count();
  let done = false;
  const cleanup = runCleanup(databaseUrl).finally(() => (done = true));
  const during = await traffic({ stopWhen: () => done });
  await cleanup;
  return {
    cleanup_deleted: rowsBefore - (await server.db.session.count()),
    cleanup_p99_before_ms: before.p99,
    cleanup_p99_during_ms: during.p99,
    cleanup_p99_ratio: during.p99 / before.p99,
  };
}

function runCleanup(databaseUrl: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", "sessions:cleanup"], { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ["ignore", "ignore", "inherit"] });
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`sessions:cleanup exited ${code}`))));
  });
}
