// Servers a spec starts itself: the production build on a throwaway database of its own, with
// nothing in front of it (TRUSTED_PROXY_COUNT=0, the default adopters get). The main e2e servers
// run as if behind one proxy (scripts/e2e-server.ts says why), so the spec about a directly
// exposed server starts one of these; the fault specs start them to take their database away,
// or to kill and restart them; the scale-out spec starts two instances of one deployment.
// LAB ONLY
// The lab console's spec starts a lab server. Their lab flaws follow the secure server's unless
// a spec says otherwise, so MUTATE_FLAWS reaches them too.
// END LAB ONLY
import type { ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { captureOutput, launchE2eServer, newServerSecret } from "../../scripts/e2e-server";
import { createDb, type Db } from "@/lib/db";
import { serverDatabaseUrl, serverLogPath, throwawayDatabaseUrl } from "./servers";
// LAB ONLY
import { startAttackerSite, type AttackerSite } from "../../scripts/attacker-site";
import { newLabKey } from "@/lib/lab/key";
import { serverFlaws } from "./servers";
// END LAB ONLY

const READY_TIMEOUT_MS = 60_000;

export type DirectServer = {
  baseURL: string;
  // LAB ONLY
  /** LAB_KEY of a lab server: what `npm run lab` would print (drawn once, kept across restarts). */
  labKey: string;
  /** The attacker's site started with it (attackerSite). */
  attacker?: AttackerSite;
  // END LAB ONLY
  databaseUrl: string;
  db: Db;
  /** The file its output goes to (restarts append to it). */
  logPath: string;
  stop: () => Promise<void>;
  /** SIGKILL: no shutdown, whatever is in flight is cut off, as in a crash or an OOM kill. */
  crash: () => Promise<void>;
  /** Starts the server again on the same port, database (as it is) and secret. */
  restart: () => Promise<void>;
};

export type DirectServerOptions = {
  /** Names the throwaway database. */
  name: string;
  database: "sqlite" | "postgres";
  /** A port of the spec's own (spareServerPort); by default any free one. */
  port?: number;
  // LAB ONLY
  /** LAB_FLAWS; the secure server's by default. */
  flaws?: string;
  /** Lab mode (LAB_ALLOW=1); by default only when flaws are on. */
  lab?: boolean;
  /** Also start the attacker's site of `npm run lab`, and tell the server its address (the lab's inbox). */
  attackerSite?: boolean;
  // END LAB ONLY
  env?: Record<string, string>;
  /** bcrypt's cost (PASSWORD_HASH_COST): the test servers' lowest unless a spec needs production's. */
  passwordHashCost?: number;
};

export type OwnServerOptions =
  | DirectServerOptions
  /** The directly exposed server of e2e/forged-client-address.spec.ts, on the suite's database kind. */
  | "direct";

export type OwnServer = DirectServer;

/**
 * A server of the spec's own, on a fresh throwaway database named for it (the `ownServer`
 * fixture of e2e/support/fixtures.ts starts one per worker).
 */
export async function startOwnServer(options: OwnServerOptions): Promise<OwnServer> {
  if (options === "direct") return startServerOfItsOwn({ name: "direct", databaseUrl: serverDatabaseUrl("direct") });
  const databaseUrl = throwawayDatabaseUrl(options.name, options.database);
  // LAB ONLY
  if (options.attackerSite) return startWithAttackerSite(options, databaseUrl);
  // END LAB ONLY
  return startServerOfItsOwn({ ...options, databaseUrl });
}

// LAB ONLY
/** A lab server and the attacker's site whose captures its inbox shows. */
async function startWithAttackerSite(options: DirectServerOptions, databaseUrl: string): Promise<OwnServer> {
  const port = options.port ?? (await freePort());
  const attacker = await startAttackerSite({ port: 0, bankUrl: `http://localhost:${port}` });
  const bank = await startServerOfItsOwn({
    ...options,
    port,
    databaseUrl,
    env: { ...options.env, LAB_ATTACKER_URL: attacker.url },
  });
  return {
    ...bank,
    attacker,
    stop: async () => {
      await bank.stop();
      await attacker.close();
    },
  };
}
// END LAB ONLY

/**
 * Instances of one deployment, one per port: a single throwaway database (reset once, by the
 * first) and a single secret, as instances behind a load balancer share them.
 */
export async function startInstances(
  options: Omit<DirectServerOptions, "port"> & { ports: [number, ...number[]] },
): Promise<DirectServer[]> {
  const {
    ports: [firstPort, ...otherPorts],
    ...shared
  } = options;
  const deployment = {
    ...shared,
    databaseUrl: throwawayDatabaseUrl(options.name, options.database),
    secret: newServerSecret(),
  };
  const first = await startServerOfItsOwn({ ...deployment, port: firstPort });
  const others = await Promise.all(
    otherPorts.map((port) => startServerOfItsOwn({ ...deployment, port, resetDatabase: false })),
  );
  return [first, ...others];
}

type LaunchOptions = Omit<DirectServerOptions, "database"> & {
  databaseUrl: string;
  /** NEXTAUTH_SECRET; a fresh one by default. */
  secret?: string;
  /** false: start on the database as it is (another instance's); by default it is reset first. */
  resetDatabase?: boolean;
};

async function startServerOfItsOwn(options: LaunchOptions): Promise<DirectServer> {
  const port = options.port ?? (await freePort());
  const baseURL = `http://localhost:${port}`;
  const secret = options.secret ?? newServerSecret();
  // LAB ONLY
  const labKey = newLabKey();
  // END LAB ONLY
  const logPath = serverLogPath(`${options.name}-${port}`);
  const launch = async (firstStart: boolean) => {
    const child = await launchE2eServer({
      port,
      url: baseURL,
      databaseUrl: options.databaseUrl,
      // LAB ONLY
      flaws: options.flaws ?? serverFlaws("secure"),
      lab: options.lab,
      labKey,
      // END LAB ONLY
      env: options.env,
      passwordHashCost: options.passwordHashCost,
      trustedProxyCount: 0,
      stdio: ["ignore", "pipe", "pipe"],
      secret,
      reset: firstStart && options.resetDatabase !== false,
    });
    // A restart appends to the same log: the secrets-in-logs spec reads the whole of it.
    captureOutput(child, logPath, { append: !firstStart });
    await waitUntilReady(child, `${baseURL}/signin`, options.name);
    return child;
  };
  let child = await launch(true);
  const db = createDb(options.databaseUrl);
  return {
    baseURL,
    // LAB ONLY
    labKey,
    // END LAB ONLY
    databaseUrl: options.databaseUrl,
    db,
    logPath,
    stop: async () => {
      await db.$disconnect();
      await stopChild(child, "SIGTERM");
    },
    crash: () => stopChild(child, "SIGKILL"),
    restart: async () => {
      child = await launch(false);
    },
  };
}

/** A port nothing listens on right now, chosen by the operating system. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

async function waitUntilReady(child: ChildProcess, url: string, name: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited(child)) throw new Error(`the ${name} e2e server exited (${child.exitCode ?? child.signalCode})`);
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stopChild(child, "SIGTERM");
  throw new Error(`the ${name} e2e server did not answer ${url} within ${READY_TIMEOUT_MS / 1000}s`);
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (exited(child)) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill(signal);
  });
}
