// Money movement. A transfer is one database transaction that claims its idempotency key,
// debits, credits and writes both ledger entries, or claims the key and records why it was
// refused. The debit is a conditional UPDATE (balance >= amount), so two concurrent transfers can
// never both spend the same money: no read-then-write race on SQLite or PostgreSQL. The key is
// claimed first (INSERT … ON CONFLICT DO NOTHING): a retry with the same key waits on the unique
// index until the original commits, then answers with the original's outcome, whichever instance
// it reached, under READ COMMITTED.
import "server-only";
import { randomUUID } from "node:crypto";
import { TRANSFER_IN_PROGRESS_MESSAGE } from "@/lib/bank/limits";
import { databaseKind, db as appDb, type Db } from "@/lib/db";
import { serverEnv } from "@/lib/env";
import { flawOn } from "@/lib/lab/flaws";
// LAB ONLY
import { labMode } from "@/lib/lab/flaws";
import { reportAttempt, reportForeignRecord } from "@/lib/lab/outcomes";
// END LAB ONLY
import { isRecordId } from "@/lib/text";
import { isSameTransferRequest } from "./idempotency";

// A transfer's transaction holds a pooled connection and, from its debit on, the payer's row.
// maxWait: how long it may queue for a connection; timeout: how long it may then run, lock waits
// included. Under a burst on one payer the transactions queue on that row one after another.
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 10_000 };

// How long a retry waits for the original request with its key to finish before it is told
// "still in progress": well inside the transaction's timeout, long enough for a transfer.
const CLAIM_WAIT_MS = 3_000;
// PostgreSQL's "canceling statement due to lock timeout".
const LOCK_NOT_AVAILABLE = "55P03";

export type TransferInput = {
  userId: string;
  fromAccountId: string;
  toAccountNumber: string;
  amountCents: number;
  memo: string | null;
  idempotencyKey: string;
};

/**
 * `replayed`: this request's key was claimed before, and this is that request's outcome.
 * `in_progress`: the original still runs; the same request sent again later gets its outcome.
 * `conflict`: the key was used for a different transfer.
 */
export type TransferOutcome =
  | { ok: true; transferId: string; replayed: boolean }
  | { ok: false; reason: "refused"; message: string; replayed: boolean }
  | { ok: false; reason: "in_progress"; message: string }
  | { ok: false; reason: "conflict" };

class Refused extends Error {}

const INSUFFICIENT_FUNDS = "Insufficient funds for this transfer.";

const NOT_YOUR_ACCOUNT = "Choose one of your accounts to pay from.";

export async function executeTransfer(input: TransferInput, db: Db = appDb): Promise<TransferOutcome> {
  // Text that is no record ID names no account, and is not stored under the key either: a
  // client's garbage (a lone surrogate, a NUL) would be a database error, a 500, not a refusal.
  if (!isRecordId(input.fromAccountId)) {
    return { ok: false, reason: "refused", message: NOT_YOUR_ACCOUNT, replayed: false };
  }
  // The common retry, long after the original: answered without a transaction.
  const previous = await findRequest(db, input);
  if (previous) return replay(previous, input);
  // Read before the transaction, so it holds no pooled connection for this: which account pays
  // (ownership never changes) and its balance as of now (only a shortcut, see moveMoney).
  const from = await payerAccount(db, input);
  try {
    const outcome = await db.$transaction((tx) => claimAndMove(tx as Db, input, from), TRANSACTION_OPTIONS);
    // LAB ONLY
    await reportDebit(db, outcome, from, input.amountCents);
    // END LAB ONLY
    return outcome;
  } catch (error) {
    if (!isClaimWaitTimeout(error)) throw error;
    return { ok: false, reason: "in_progress", message: TRANSFER_IN_PROGRESS_MESSAGE };
  }
}

type Payer = { id: string; number: string; balanceCents: number } | null;

function payerAccount(db: Db, input: TransferInput): Promise<Payer> {
  return db.account.findFirst({
    where: { id: input.fromAccountId, userId: input.userId },
    select: { id: true, number: true, balanceCents: true },
  });
}

async function claimAndMove(tx: Db, input: TransferInput, from: Payer): Promise<TransferOutcome> {
  const claimId = await claimKey(tx, input);
  if (!claimId) {
    // The same key, committed by a concurrent request while this one waited: its outcome.
    const original = await findRequest(tx, input);
    if (!original) throw new Error("An idempotency key was taken but its request cannot be read");
    return replay(original, input);
  }
  // Everything after this point is undone by a refusal; the claim stays, with the refusal.
  await tx.$executeRawUnsafe("SAVEPOINT claimed");
  try {
    return { ok: true, transferId: await moveMoney(tx, input, claimId, from), replayed: false };
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT claimed");
    await tx.transferRequest.update({ where: { id: claimId }, data: { refusal: error.message } });
    return { ok: false, reason: "refused", message: error.message, replayed: false };
  }
}

/**
 * Claims the key for this request: the new row's id, or null when another request holds it.
 * ON CONFLICT DO NOTHING waits for a concurrent insert of the same key to commit or roll back,
 * so the claim is decided by the unique index, never by an earlier read. A lock_timeout bounds
 * that wait on PostgreSQL: a retry waiting longer is told the original is still in progress.
 * (SQLite runs one transaction at a time: its writer lock does the waiting.)
 */
async function claimKey(tx: Db, input: TransferInput): Promise<string | null> {
  const onPostgres = databaseKind(serverEnv().DATABASE_URL) === "postgres";
  if (onPostgres) await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = ${CLAIM_WAIT_MS}`);
  const id = randomUUID();
  const claimed = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "TransferRequest" ("id", "userId", "idempotencyKey", "fromAccountId", "toAccountNumber", "amountCents", "memo", "createdAt")
    VALUES (${id}, ${input.userId}, ${input.idempotencyKey}, ${input.fromAccountId}, ${input.toAccountNumber}, ${input.amountCents}, ${input.memo}, ${new Date()})
    ON CONFLICT ("userId", "idempotencyKey") DO NOTHING
    RETURNING "id"`;
  if (onPostgres) await tx.$executeRawUnsafe("SET LOCAL lock_timeout TO DEFAULT");
  return claimed[0]?.id ?? null;
}

/** Only the claim waits under a lock_timeout: this error is a retry that waited too long. */
function isClaimWaitTimeout(error: unknown): boolean {
  return JSON.stringify((error as { meta?: unknown }).meta ?? {}).includes(LOCK_NOT_AVAILABLE);
}

function findRequest(db: Db, input: TransferInput) {
  return db.transferRequest.findUnique({
    where: { userId_idempotencyKey: { userId: input.userId, idempotencyKey: input.idempotencyKey } },
  });
}

type StoredRequest = NonNullable<Awaited<ReturnType<typeof findRequest>>>;

/** What the original request with this key got, for a retry that asks the same. */
function replay(original: StoredRequest, input: TransferInput): TransferOutcome {
  if (!isSameTransferRequest(original, input)) return { ok: false, reason: "conflict" };
  if (original.transferId) return { ok: true, transferId: original.transferId, replayed: true };
  if (original.refusal) return { ok: false, reason: "refused", message: original.refusal, replayed: true };
  // Claimed and committed without an outcome cannot happen: both are written in one transaction.
  throw new Error("An idempotency key was committed without an outcome");
}

async function moveMoney(tx: Db, input: TransferInput, claimId: string, from: Payer): Promise<string> {
  if (!from) throw new Refused(NOT_YOUR_ACCOUNT);
  const to = await tx.account.findUnique({ where: { number: input.toAccountNumber } });
  if (!to) throw new Refused("No account has that number. Check it and try again.");
  if (to.id === from.id) throw new Refused("Choose two different accounts.");
  // Not the overdraft check (the debit is): the balance was read before the transaction, and
  // concurrent transfers may have spent it since. Only a shortcut: a payer already short of
  // funds is refused without queueing on the row a burst of other transfers holds.
  if (from.balanceCents < input.amountCents) throw new Refused(INSUFFICIENT_FUNDS);

  // Written before the debit: from the debit until COMMIT the payer's row is locked, and every
  // other transfer of that payer waits, so that stretch holds as few statements as possible.
  const transfer = await tx.transfer.create({
    data: {
      userId: input.userId,
      fromAccountId: from.id,
      toAccountId: to.id,
      amountCents: input.amountCents,
      memo: input.memo,
      idempotencyKey: input.idempotencyKey,
    },
    select: { id: true },
  });
  await tx.transferRequest.update({ where: { id: claimId }, data: { transferId: transfer.id }, select: { id: true } });

  // Rows are updated in a fixed order (by id) so two opposite transfers cannot deadlock.
  const steps = [
    { id: from.id, run: () => debit(tx, from.id, input.amountCents) },
    { id: to.id, run: () => credit(tx, to.id, input.amountCents) },
  ].sort((a, b) => a.id.localeCompare(b.id));
  const balances = new Map<string, number>();
  for (const step of steps) balances.set(step.id, await step.run());
  await tx.ledgerEntry.createMany({
    data: [
      entry(from.id, -input.amountCents, balances.get(from.id)!, `Transfer to ${to.number}`, input.memo, transfer.id),
      entry(to.id, input.amountCents, balances.get(to.id)!, `Transfer from ${from.number}`, input.memo, transfer.id),
    ],
  });
  return transfer.id;
}

/**
 * The overdraft check and the debit are one statement: the database serialises them, and
 * RETURNING gives the new balance without another round trip while the row is locked.
 */
async function debit(tx: Db, accountId: string, cents: number): Promise<number> {
  // LAB FLAW overdraft-race: the debit trusts the balance read before the transaction (the
  // shortcut in moveMoney) and is written whatever the balance is now: transfers sent at once
  // all pass the check against the same balance, and the account is overdrawn.
  if (flawOn("overdraft-race")) return debitUnchecked(tx, accountId, cents);
  const rows = await tx.$queryRaw<{ balanceCents: number }[]>`
    UPDATE "Account" SET "balanceCents" = "balanceCents" - ${cents}
    WHERE "id" = ${accountId} AND "balanceCents" >= ${cents}
    RETURNING "balanceCents"`;
  if (rows.length === 0) throw new Refused(INSUFFICIENT_FUNDS);
  return Number(rows[0]!.balanceCents);
}

// LAB ONLY
/**
 * For the score board, once the transaction is over: a payer's balance below zero is the
 * overdraft race won; a refusal for funds the balance read before the transaction still showed
 * is the race met by the one-statement debit.
 */
async function reportDebit(db: Db, outcome: TransferOutcome, from: Payer, cents: number): Promise<void> {
  if (!labMode() || !from || !("replayed" in outcome) || outcome.replayed) return;
  const raced = outcome.ok
    ? (await db.account.findUniqueOrThrow({ where: { id: from.id } })).balanceCents < 0
    : outcome.message === INSUFFICIENT_FUNDS && from.balanceCents >= cents;
  if (!raced) return;
  await reportAttempt("overdraft-race", {
    exploited: "Transfers sent at once all spent the same balance, and the account went below zero.",
    blocked: "A transfer sent in a burst found the funds already spent by the others and was refused.",
  });
}

async function debitUnchecked(tx: Db, accountId: string, cents: number): Promise<number> {
  const account = await tx.account.update({
    where: { id: accountId },
    data: { balanceCents: { decrement: cents } },
    select: { balanceCents: true },
  });
  return account.balanceCents;
}
// END LAB ONLY

async function credit(tx: Db, accountId: string, cents: number): Promise<number> {
  const account = await tx.account.update({
    where: { id: accountId },
    data: { balanceCents: { increment: cents } },
    select: { balanceCents: true },
  });
  return account.balanceCents;
}

function entry(
  accountId: string,
  amountCents: number,
  balanceAfterCents: number,
  description: string,
  memo: string | null,
  transferId: string,
) {
  return { accountId, amountCents, balanceAfterCents, description, memo, transferId };
}

/** A transfer of the signed-in user, with both accounts, for the confirmation page. */
export async function getTransfer(userId: string, transferId: string) {
  if (!isRecordId(transferId)) return null;
  // LAB FLAW idor: any receipt opens by its ID: another customer's accounts, memo and balance.
  const owner = flawOn("idor") ? {} : { userId };
  const transfer = await appDb.transfer.findFirst({ where: { id: transferId, ...owner } });
  // LAB ONLY
  await reportForeignRecord("receipt", userId, async () =>
    transfer ? transfer.userId : (await appDb.transfer.findUnique({ where: { id: transferId } }))?.userId,
  );
  // END LAB ONLY
  if (!transfer) return null;
  const [from, to] = await Promise.all([
    appDb.account.findUniqueOrThrow({ where: { id: transfer.fromAccountId } }),
    appDb.account.findUniqueOrThrow({ where: { id: transfer.toAccountId } }),
  ]);
  return { transfer, from, to: { number: to.number, name: to.userId === userId ? to.name : null } };
}
