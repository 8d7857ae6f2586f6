// The race harness. SQLite's single connection serialises every write and hides races; two
// production instances on one PostgreSQL database, each with its own connection pool, do not.
// Race specs (e2e/races/*.spec.ts) run in the secure project on SQLite and, tagged @postgres,
// in the postgres project on PostgreSQL; either way against two instances of one deployment.
// `race()` fires the same request many times at once, spread over both instances, for many
// rounds, and checks the invariant after every round: one lucky round proves nothing.
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { startInstances, type DirectServer } from "./direct-server";
import { test as base } from "./fixtures";
import { spareServerPort, type ServerName } from "./servers";

/** The floor: at least 20 rounds of at least 8 requests at once. */
export const RACE_ROUNDS = 20;
export const RACE_WIDTH = 8;

type RaceFixtures = {
  /** One JSON/HTTP client per instance; `clients[i % 2]` spreads requests over both. */
  clients: APIRequestContext[];
};
type RaceWorkerFixtures = { instances: DirectServer[] };

export const test = base.extend<RaceFixtures, RaceWorkerFixtures>({
  instances: [
    async ({}, use, workerInfo) => {
      const server = (workerInfo.project.use as { server?: ServerName }).server;
      const database = server === "postgres" ? "postgres" : "sqlite";
      // Spare ports 4–7: two per worker (the config runs two workers).
      const first = 4 + 2 * workerInfo.parallelIndex;
      const instances = await startInstances({
        name: `races-${database}-${workerInfo.parallelIndex}`,
        database,
        ports: [spareServerPort(first), spareServerPort(first + 1)],
        // As the main servers: each racer may play the proxy and bring its own client address,
        // so the per-address sign-in limit measures the attack, not the whole suite.
        env: { TRUSTED_PROXY_COUNT: "1" },
      });
      await use(instances);
      await Promise.all(instances.map((instance) => instance.stop()));
    },
    { scope: "worker", timeout: 180_000 },
  ],
  // Users, checks and ageing all go to the instances' one database.
  db: [async ({ instances }, use) => use(instances[0]!.db), { scope: "worker" }],
  clients: async ({ instances }, use) => {
    const clients = await Promise.all(
      instances.map((instance) => playwrightRequest.newContext({ baseURL: instance.baseURL })),
    );
    await use(clients);
    await Promise.all(clients.map((client) => client.dispose()));
  },
});

export { expect } from "./fixtures";

/**
 * Runs `rounds` rounds. Each round calls `fire(i, client)` `width` times at once, the i-th on
 * instance i % 2, waits for all of them, then hands their results to `check`, which asserts the
 * invariant for that round. `setup` prepares each round's state (a fresh key, a fresh session).
 */
export async function race<S, R>(
  clients: APIRequestContext[],
  options: {
    rounds?: number;
    width?: number;
    setup: (round: number) => Promise<S>;
    fire: (state: S, i: number, client: APIRequestContext) => Promise<R>;
    check: (state: S, results: R[], round: number) => Promise<void>;
  },
): Promise<void> {
  const rounds = options.rounds ?? RACE_ROUNDS;
  const width = options.width ?? RACE_WIDTH;
  for (let round = 0; round < rounds; round++) {
    const state = await options.setup(round);
    const results = await Promise.all(
      Array.from({ length: width }, (_, i) => options.fire(state, i, clients[i % clients.length]!)),
    );
    await options.check(state, results, round);
  }
}
