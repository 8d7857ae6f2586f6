// Transfers under concurrency, on real SQLite and real PostgreSQL (throwaway databases): many
// simultaneous transfers never overdraw an account, never create or destroy money, and a
// submission retried at the same moment still makes exactly one transfer. The transfers race
// from several processes, each with the app's own client (transfers.race-worker.ts), as several
// app servers on one database would. One client alone queues its transactions, which hid a
// read-then-write debit (on PostgreSQL a lost update, caught here) and SQLite transactions that
// do not take the write lock up front (lib/db.ts; SQLITE_BUSY, caught here).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { after, describe, it } from "node:test";
import { pgConnectionConfig, quoteIdent } from "../database-url";
import { createDb, type Db } from "../db";
import { setupDatabase } from "../../scripts/db-setup";
import { testPostgresUrl } from "../../scripts/test-postgres";
import { runOnMaintenanceDb } from "../../prisma/cli-adapters";
import type { TransferInput, TransferOutcome } from "./transfers";

const SIMULTANEOUS_TRANSFERS = 60;
const PROCESSES = 4;
const WORKER = path.join(__dirname, "transfers.race-worker.ts");

type Racers = { race: (inputs: TransferInput[]) => Promise<TransferOutcome[]>; stop: () => Promise<void> };

/** Several processes on one database; `race` spreads transfers over them, all at once. */
async function startRacers(url: string): Promise<Racers> {
  const workers = Array.from({ length: PROCESSES }, () => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", WORKER], {
      env: { ...process.env, DATABASE_URL: url },
      stdio: ["pipe", "pipe", "inherit"],
    });
    const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    const exited = new Promise((resolve) => child.once("exit", resolve));
    const next = async () => {
      const line = await lines.next();
      assert.ok(!line.done, "a race worker stopped early");
      return line.value as string;
    };
    return { child, next, exited };
  });
  try {
    for (const worker of workers) assert.equal(await worker.next(), "ready");
  } catch (error) {
    for (const worker of workers) worker.child.kill();
    throw error;
  }
  return {
    async race(inputs) {
      workers.forEach((worker, w) =>
        worker.child.stdin!.write(`${JSON.stringify(inputs.filter((_, i) => i % PROCESSES === w))}\n`),
      );
      const outcomes = await Promise.all(
        workers.map(async (worker) => JSON.parse(await worker.next()) as TransferOutcome[]),
      );
      return outcomes.flat();
    },
    async stop() {
      for (const worker of workers) worker.child.stdin!.end();
      await Promise.all(workers.map((worker) => worker.exited));
    },
  };
}

async function accountsOf(db: Db, email: string) {
  const user = await db.user.findUniqueOrThrow({ where: { email }, include: { accounts: true } });
  return { userId: user.id, accounts: user.accounts };
}

async function totals(db: Db) {
  const accounts = await db.account.findMany({ include: { entries: true } });
  for (const account of accounts) {
    assert.ok(account.balanceCents >= 0, `${account.number} went negative: ${account.balanceCents}`);
    const ledger = account.entries.reduce((sum, e) => sum + e.amountCents, 0);
    assert.equal(account.balanceCents, ledger, `${account.number} balance equals its ledger`);
  }
  return accounts.reduce((sum, a) => sum + a.balanceCents, 0);
}

/** Mallory and Bob pay at once, Mallory far beyond her balance. */
async function fireTransfers(db: Db, racers: Racers) {
  const mallory = await accountsOf(db, "mallory@vaultline.test");
  const bob = await accountsOf(db, "bob@vaultline.test");
  const alice = await accountsOf(db, "alice@vaultline.test");
  const payers = [mallory, bob];
  // Nobody pays Mallory, so her $20.50 can never cover one of her transfers (each $25 or more):
  // some refusals are certain, whatever order the processes run in.
  const payeesOf = (payer: typeof mallory) =>
    (payer === bob ? [alice] : [alice, bob]).map((p) => p.accounts[0]!.number);
  const inputs: TransferInput[] = Array.from({ length: SIMULTANEOUS_TRANSFERS }, (_, i) => {
    const payer = payers[i % payers.length]!;
    const payees = payeesOf(payer);
    const to = payees[i % payees.length]!;
    return {
      userId: payer.userId,
      fromAccountId: payer.accounts[0]!.id,
      toAccountNumber: to,
      amountCents: 2_500 + (i % 7) * 1_000,
      memo: `load ${i}`,
      idempotencyKey: randomUUID(),
    };
  });
  return racers.race(inputs);
}

async function retrySameSubmission(db: Db, racers: Racers) {
  const alice = await accountsOf(db, "alice@vaultline.test");
  const bob = await accountsOf(db, "bob@vaultline.test");
  const input: TransferInput = {
    userId: alice.userId,
    fromAccountId: alice.accounts[0]!.id,
    toAccountNumber: bob.accounts[0]!.number,
    amountCents: 1_234,
    memo: null,
    idempotencyKey: randomUUID(),
  };
  const outcomes = await racers.race(Array.from({ length: 2 * PROCESSES }, () => input));
  const ids = new Set(outcomes.map((o) => (o.ok ? o.transferId : JSON.stringify(o))));
  assert.equal(ids.size, 1, "every retry answers with the same transfer");
  assert.equal(await db.transfer.count({ where: { idempotencyKey: input.idempotencyKey } }), 1);
}

async function proveConcurrencySafety(db: Db, racers: Racers) {
  const before = await totals(db);
  const outcomes = await fireTransfers(db, racers);
  const succeeded = outcomes.filter((o) => o.ok).length;
  const refused = outcomes.filter((o) => !o.ok);
  assert.ok(refused.length > 0, "Mallory's overdrafts were refused");
  for (const r of refused)
    assert.deepEqual(r, {
      ok: false,
      reason: "refused",
      message: "Insufficient funds for this transfer.",
      replayed: false,
    });
  assert.equal(await db.transfer.count(), succeeded);
  assert.equal(await totals(db), before, "money is conserved");
  await retrySameSubmission(db, racers);
  assert.equal(await totals(db), before, "money is conserved after retries");
}

describe("transfers under concurrency", () => {
  it(`SQLite: ${SIMULTANEOUS_TRANSFERS} simultaneous transfers from ${PROCESSES} processes`, async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "vaultline-transfers-"));
    const url = `file:${path.join(dir, "bank.db")}`;
    await setupDatabase(url);
    const db = createDb(url);
    const racers = await startRacers(url);
    after(async () => {
      await racers.stop();
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    });
    await proveConcurrencySafety(db, racers);
  });

  it(`PostgreSQL: ${SIMULTANEOUS_TRANSFERS} simultaneous transfers from ${PROCESSES} processes`, async () => {
    const url = testPostgresUrl(`vaultline_transfers_${process.pid}_${Date.now()}`);
    const config = pgConnectionConfig(url);
    await setupDatabase(url);
    const db = createDb(url);
    const racers = await startRacers(url);
    after(async () => {
      await racers.stop();
      await db.$disconnect();
      await runOnMaintenanceDb(config, `DROP DATABASE IF EXISTS ${quoteIdent(config.database)} WITH (FORCE)`);
    });
    await proveConcurrencySafety(db, racers);
  });
});
