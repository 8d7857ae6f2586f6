// The bench's servers and data: the production build (`npm start`'s server.mjs) on a throwaway
// database, sessions written straight into it (as a sign-in would write them: only the token's
// hash), and the server's peak memory.
import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { PRODUCTION_HASH_COST } from "../../lib/auth/password-rules";
import { createDb, type Db } from "../../lib/db";
import { sessionPolicy } from "../../lib/session/policy";
import { generateSessionToken, hashToken } from "../../lib/session/tokens";
import { launchE2eServer } from "../e2e-server";

export type BenchServer = { url: string; db: Db; peakRssMb: () => number; stop: () => Promise<void> };

/** A fresh database (migrated, demo data) and the production server on it. */
export async function startBenchServer(databaseUrl: string, port: number): Promise<BenchServer> {
  const url = `http://localhost:${port}`;
  // One proxy in front, so the sign-in load can come from many client addresses (X-Forwarded-For);
  // bcrypt at production's cost, as the sign-in figures are about a real server.
  const child = await launchE2eServer({
    port,
    url,
    databaseUrl,
    trustedProxyCount: 1,
    passwordHashCost: PRODUCTION_HASH_COST,
    stdio: ["ignore", "ignore", "inherit"],
  });
  await waitUntilAnswering(child, `${url}/signin`);
  const db = createDb(databaseUrl);
  return {
    url,
    db,
    peakRssMb: () => peakRssMb(child.pid!),
    stop: async () => {
      await db.$disconnect();
      await new Promise((resolve) => {
        child.once("exit", resolve);
        child.kill("SIGTERM");
      });
    },
  };
}

async function waitUntilAnswering(child: ChildProcess, url: string): Promise<void> {
  for (let tries = 0; tries < 240; tries++) {
    if (child.exitCode !== null) throw new Error(`the bench server exited (${child.exitCode})`);
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill("SIGTERM");
  throw new Error(`the bench server did not answer ${url}`);
}

/** The most memory the process has held (VmHWM), Linux only. */
function peakRssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmHWM:"));
  return Math.round(Number(line?.match(/\d+/)?.[0] ?? Number.NaN) / 1024);
}

/** Live sessions for a user, as sign-in writes them; returns their tokens. */
export async function createSessions(db: Db, userId: string, count: number, clientType: "web" | "api"): Promise<string[]> {
  const now = new Date();
  const tokens = Array.from({ length: count }, generateSessionToken);
  await db.session.createMany({
    data: tokens.map((token) => ({
      tokenHash: hashToken(token),
      userId,
      clientType,
      familyId: randomUUID(),
      createdAt: now,
      lastSeenAt: now,
      authenticatedAt: now,
      expiresAt: new Date(now.getTime() + sessionPolicy().absoluteLifetimeHours * 3_600_000),
    })),
  });
  return tokens;
}

/** Users who all share one password (one bcrypt hash, computed once by the caller). */
export async function createUsers(db: Db, count: number, passwordHash: string): Promise<{ id: string; email: string }[]> {
  const users = Array.from({ length: count }, (_, i) => ({ email: `bench-${i}-${randomUUID().slice(0, 8)}@vaultline.test`, name: `Bench ${i}`, passwordHash }));
  await db.user.createMany({ data: users });
  return db.user.findMany({ where: { email: { in: users.map((u) => u.email) } }, select: { id: true, email: true } });
}
