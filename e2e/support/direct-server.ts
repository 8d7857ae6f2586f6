// A direct deployment: the production server with nothing in front of it (TRUSTED_PROXY_COUNT=0,
// the default adopters get), on a free port and a throwaway database of its own. The main e2e
// servers run as if behind one proxy (scripts/e2e-server.ts says why), so the spec about a
// directly exposed server starts this one itself. Its lab flaws follow the secure server's, so
// MUTATE_FLAWS reaches it too.
import type { ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { launchE2eServer } from "../../scripts/e2e-server";
import { createDb, type Db } from "@/lib/db";
import { serverDatabaseUrl, serverFlaws } from "./servers";

const READY_TIMEOUT_MS = 60_000;

export type DirectServer = { baseURL: string; db: Db; stop: () => Promise<void> };

export async function startDirectServer(): Promise<DirectServer> {
  const port = await freePort();
  const baseURL = `http://localhost:${port}`;
  const databaseUrl = serverDatabaseUrl("direct");
  const child = await launchE2eServer({
    port,
    url: baseURL,
    databaseUrl,
    flaws: serverFlaws("secure"),
    trustedProxyCount: 0,
    stdio: ["ignore", "ignore", "inherit"],
  });
  await waitUntilReady(child, `${baseURL}/signin`);
  const db = createDb(databaseUrl);
  return {
    baseURL,
    db,
    stop: async () => {
      await db.$disconnect();
      await stopChild(child);
    },
  };
}

/** A port nothing listens on right now, chosen by the operating system. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function waitUntilReady(child: ChildProcess, url: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited(child)) throw new Error(`the direct e2e server exited (${child.exitCode ?? child.signalCode})`);
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stopChild(child);
  throw new Error(`the direct e2e server did not answer ${url} within ${READY_TIMEOUT_MS / 1000}s`);
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (exited(child)) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}
