// The race harness. SQLite's single connection serialises every write and hides races; two
// production instances on one PostgreSQL database, each with its own connection pool, do not.
// So race specs (e2e/races/*.spec.ts, all tagged @postgres) run in the postgres project only,
// against two instances of one deployment: on SQLite the same rounds could never fail.
// `race()` fires the same request many times at once, spread over both instances, for many
// rounds, and checks the invariant after every round: one lucky round proves nothing.
//
// Requests go through raceFetch: no cookie jar, so each racer carries exactly the session it
// was given, and a connection of its own each time: a pooled socket the server closed after its
// keep-alive timeout, between two rounds, would fail a request rather than the race. Sessions are made as the app makes them (a random token, its SHA-256 in the row),
// so a race spends its time on the race, not on signing in through the form.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { request as httpRequest } from "node:http";
import bcrypt from "bcrypt";
import { startInstances, type DirectServer } from "./direct-server";
import { createTestUser, test as base, SESSION_COOKIE, type TestUser } from "./fixtures";
import { spareServerPort } from "./servers";
import { documentationAddress } from "./api";
import { formParts, multipart } from "./server-action";

/** The floor: at least 20 rounds of at least 8 requests at once. */
export const RACE_ROUNDS = 20;
export const RACE_WIDTH = 8;

// Racers' passwords are hashed at a low cost: a race checks hundreds of passwords, and what it
// tests is the order of the writes, not bcrypt. The server hashes new passwords at its own cost.
const RACER_BCRYPT_COST = 6;

export type RaceSession = { token: string; id: string };
type SessionOptions = { client?: "web" | "api"; fresh?: boolean; elevated?: boolean };

type RaceFixtures = {
  /** A user of the race's own, with a password known to the test. */
  createRacer: (options?: { role?: "customer" | "admin"; password?: string }) => Promise<TestUser>;
  /** A session for `user`, written as sign-in writes one (fresh: the password just entered). */
  openSession: (user: TestUser, options?: SessionOptions) => Promise<RaceSession>;
};
type RaceWorkerFixtures = { instances: DirectServer[] };

export const test = base.extend<RaceFixtures, RaceWorkerFixtures>({
  instances: [
    async ({}, use, workerInfo) => {
      // Spare ports 6–9: two per worker (the config runs two workers).
      const first = 6 + 2 * workerInfo.parallelIndex;
      const instances = await startInstances({
        name: `races-${workerInfo.parallelIndex}`,
        database: "postgres",
        ports: [spareServerPort(first), spareServerPort(first + 1)],
        // As the main servers: each racer brings its own client address (as the one trusted
        // proxy reports it), so the per-address sign-in limit measures the race, not the suite.
        env: { TRUSTED_PROXY_COUNT: "1" },
      });
      await use(instances);
      await Promise.all(instances.map((instance) => instance.stop()));
    },
    { scope: "worker", timeout: 180_000 },
  ],
  // Users, checks and ageing all go to the instances' one database.
  db: [async ({ instances }, use) => use(instances[0]!.db), { scope: "worker" }],
  createRacer: async ({ db }, use) => {
    await use(async ({ role = "customer", password = `racer-${randomUUID()}` } = {}) =>
      createTestUser(db, await bcrypt.hash(password, RACER_BCRYPT_COST), role, password),
    );
  },
  openSession: async ({ db }, use) => {
    await use(async (user, { client = "web", fresh = true, elevated = false } = {}) => {
      const token = randomBytes(32).toString("base64url");
      const now = Date.now();
      const { credentialGeneration } = await db.user.findUniqueOrThrow({ where: { id: user.id } });
      const row = await db.session.create({
        data: {
          tokenHash: createHash("sha256").update(token).digest("hex"),
          userId: user.id,
          clientType: client,
          familyId: randomUUID(),
          credentialGeneration,
          // Not fresh: the password was entered 10 minutes ago, so a sensitive action needs step-up.
          authenticatedAt: new Date(fresh ? now : now - 10 * 60_000),
          elevatedAt: elevated ? new Date(now) : null,
          expiresAt: new Date(now + 2 * 3_600_000),
        },
      });
      return { token, id: row.id };
    });
  },
});

export { expect } from "./fixtures";

/**
 * Runs `rounds` rounds. Each round calls `fire(state, i, baseURL)` `width` times at once, the
 * i-th on instance i % 2, waits for all of them, then hands their results to `check`, which
 * asserts the invariant for that round. `setup` prepares each round (a fresh key, sessions).
 */
export async function race<S, R>(
  instances: DirectServer[],
  options: {
    rounds?: number;
    width?: number;
    setup: (round: number) => Promise<S>;
    fire: (state: S, i: number, baseURL: string) => Promise<R>;
    check: (state: S, results: R[], round: number) => Promise<void>;
  },
): Promise<void> {
  const rounds = options.rounds ?? RACE_ROUNDS;
  const width = options.width ?? RACE_WIDTH;
  for (let round = 0; round < rounds; round++) {
    const state = await options.setup(round);
    const results = await Promise.all(
      Array.from({ length: width }, (_, i) => options.fire(state, i, instances[i % instances.length]!.baseURL)),
    );
    await options.check(state, results, round);
  }
}

/** Headers for a request carrying a web session's cookie, or an API token. */
export function carrying(session: RaceSession, client: "web" | "api" = "web"): Record<string, string> {
  const address = { "X-Forwarded-For": documentationAddress() };
  if (client === "api") return { ...address, Authorization: `Bearer ${session.token}` };
  return { ...address, Cookie: `${SESSION_COOKIE}=${session.token}` };
}

/** True when the instance accepts the session: the dashboard (web) or the account list (API). */
export async function isLive(baseURL: string, session: RaceSession, client: "web" | "api"): Promise<boolean> {
  const path = client === "web" ? "/dashboard" : "/api/v1/accounts";
  const response = await raceFetch(`${baseURL}${path}`, { headers: carrying(session, client), redirect: "manual" });
  if (response.status === 200) return true;
  if (client === "api" && response.status === 401) return false;
  if (client === "web" && response.status === 307 && response.headers.get("location")?.includes("/signin"))
    return false;
  throw new Error(`${path} answered ${response.status}: neither accepted nor refused`);
}

/** The server action behind the page's form (useActionState forms render `$ACTION_1:0`). */
export async function actionIdOf(baseURL: string, path: string, session: RaceSession): Promise<string> {
  const response = await raceFetch(`${baseURL}${path}`, { headers: carrying(session), redirect: "manual" });
  const html = await response.text();
  const match = /name="\$ACTION_1:0" value="([^"]+)"/.exec(html) ?? /name="\$ACTION_ID_([0-9a-f]+)"/.exec(html);
  if (!match) throw new Error(`no server action on ${path} (${response.status})`);
  const value = match[1]!.replaceAll("&quot;", '"');
  return value.startsWith("{") ? (JSON.parse(value) as { id: string }).id : value;
}

/**
 * Posts a server action as React's client does (multipart, Next-Action header). `stateful` for a
 * useActionState action (previous state first). Returns the status and where it redirected, if anywhere.
 */
export async function postAction(
  baseURL: string,
  path: string,
  actionId: string,
  session: RaceSession,
  fields: Record<string, string>,
  options: { stateful?: boolean } = {},
): Promise<{ status: number; redirect: string | null; body: string }> {
  const { body, contentType } = multipart(formParts(fields, { plain: options.stateful === false }));
  const response = await raceFetch(`${baseURL}${path}`, {
    method: "POST",
    body: new Uint8Array(body),
    redirect: "manual",
    headers: {
      ...carrying(session),
      "Next-Action": actionId,
      Accept: "text/x-component",
      "Content-Type": contentType,
      Origin: baseURL,
    },
  });
  return { status: response.status, redirect: response.headers.get("x-action-redirect"), body: await response.text() };
}

/** Waits `ms`: racers start a little apart, so some are in flight at every moment of the change. */
export function after(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

type RaceResponse = {
  status: number;
  headers: { get: (name: string) => string | null };
  text: () => Promise<string>;
  json: () => Promise<unknown>;
};

/** fetch's shape for what races send, on a new connection each time; redirects are not followed. */
export function raceFetch(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Uint8Array; redirect?: "manual" } = {},
): Promise<RaceResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      { method: init.method ?? "GET", headers: init.headers, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const body = Buffer.concat(chunks).toString("utf8");
          resolve({
            status: response.statusCode ?? 0,
            headers: { get: (name) => [response.headers[name.toLowerCase()] ?? null].flat()[0] ?? null },
            text: async () => body,
            json: async () => JSON.parse(body) as unknown,
          });
        });
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(init.body);
  });
}
