// Transfers under concurrency, on real SQLite and real PostgreSQL (throwaway databases): many
// simultaneous transfers never overdraw an account, never create or destroy money, and a
// submission retried at the same moment still makes exactly one transfer.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { pgConnectionConfig, quoteIdent } from "../database-url";
import { createDb, type Db } from "../db";
import { setupDatabase } from "../../scripts/db-setup";
import { runOnMaintenanceDb } from "../../prisma/cli-adapters";
import { executeTransfer, type TransferInput } from "./transfers";

const SIMULTANEOUS_TRANSFERS = 60;

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

/** Mallory and Bob both pay each other and Alice at once, far beyond Mallory's balance. */
async function fireTransfers(clients: Db[]) {
  const db = clients[0]!;
  const mallory = await accountsOf(db, "mallory@vaultline.test");
  const bob = await accountsOf(db, "bob@vaultline.test");
  const alice = await accountsOf(db, "alice@vaultline.test");
  const payers = [mallory, bob];
  const payees = [alice.accounts[0]!.number, bob.accounts[0]!.number, mallory.accounts[0]!.number];
  const inputs: TransferInput[] = Array.from({ length: SIMULTANEOUS_TRANSFERS }, (_, i) => {
    const payer = payers[i % payers.length]!;
    const to = payees.filter((n) => n !== payer.accounts[0]!.number)[i % 2]!;
    return {
      userId: payer.userId,
      fromAccountId: payer.accounts[0]!.id,
      toAccountNumber: to,
      amountCents: 2_500 + (i % 7) * 1_000,
      memo: `load ${i}`,
      idempotencyKey: randomUUID(),
    };
  });
  return Promise.all(inputs.map((input, i) => executeTransfer(input, clients[i % clients.length])));
}

async function retrySameSubmission(clients: Db[]) {
  const db = clients[0]!;
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
  const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => executeTransfer(input, clients[i % clients.length])));
  const ids = new Set(outcomes.map((o) => (o.ok ? o.transferId : o.message)));
  assert.equal(ids.size, 1, "every retry answers with the same transfer");
  assert.equal(await db.transfer.count({ where: { idempotencyKey: input.idempotencyKey } }), 1);
}

async function proveConcurrencySafety(clients: Db[]) {
  const db = clients[0]!;
  const before = await totals(db);
  const outcomes = await fireTransfers(clients);
  const succeeded = outcomes.filter((o) => o.ok).length;
  const refused = outcomes.filter((o) => !o.ok);
  assert.ok(refused.length > 0, "Mallory's overdrafts were refused");
  for (const r of refused) if (!r.ok) assert.equal(r.message, "Insufficient funds for this transfer.");
  assert.equal(await db.transfer.count(), succeeded);
  assert.equal(await totals(db), before, "money is conserved");
  await retrySameSubmission(clients);
  assert.equal(await totals(db), before, "money is conserved after retries");
}

describe("transfers under concurrency", () => {
  // One client, as the app runs: better-sqlite3 is synchronous, so a second connection in the
  // same process would block the event loop while waiting for the first one's write lock.
  it(`SQLite: ${SIMULTANEOUS_TRANSFERS} simultaneous transfers`, async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "vaultline-transfers-"));
    const url = `file:${path.join(dir, "bank.db")}`;
    await setupDatabase(url);
    const clients = [createDb(url)];
    after(async () => {
      await Promise.all(clients.map((c) => c.$disconnect()));
      rmSync(dir, { recursive: true, force: true });
    });
    await proveConcurrencySafety(clients);
  });

  it(`PostgreSQL: ${SIMULTANEOUS_TRANSFERS} simultaneous transfers over a connection pool`, async () => {
    const url = `postgresql://postgres@127.0.0.1:5432/vaultline_transfers_${process.pid}_${Date.now()}`;
    const config = pgConnectionConfig(url);
    await setupDatabase(url);
    const clients = [createDb(url), createDb(url)];
    after(async () => {
      await Promise.all(clients.map((c) => c.$disconnect()));
      await runOnMaintenanceDb(config, `DROP DATABASE IF EXISTS ${quoteIdent(config.database)} WITH (FORCE)`);
    });
    await proveConcurrencySafety(clients);
  });
});
