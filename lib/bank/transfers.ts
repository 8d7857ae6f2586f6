// Money movement. A transfer is one database transaction that debits, credits and writes both
// ledger entries, or does nothing. The debit is a conditional UPDATE (balance >= amount), so
// two concurrent transfers can never both spend the same money: no read-then-write race on
// SQLite or PostgreSQL. An idempotency key per form submission makes a retry one transfer.
import "server-only";
import { db as appDb, type Db } from "@/lib/db";
import { flawOn } from "@/lib/lab/flaws";
import { isRecordId } from "@/lib/text";

// SQLite has one writer at a time: under a burst, transfers queue for the write lock. Waiting
// a few seconds beats refusing a customer's payment (Prisma's default wait is 2 s).
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 10_000 };

export type TransferInput = {
  userId: string;
  fromAccountId: string;
  toAccountNumber: string;
  amountCents: number;
  memo: string | null;
  idempotencyKey: string;
};

export type TransferOutcome = { ok: true; transferId: string; replayed: boolean } | { ok: false; message: string };

class Refused extends Error {}

export async function executeTransfer(input: TransferInput, db: Db = appDb): Promise<TransferOutcome> {
  const previous = await findByKey(db, input);
  if (previous) return { ok: true, transferId: previous.id, replayed: true };
  try {
    const transferId = await db.$transaction((tx) => moveMoney(tx as Db, input), TRANSACTION_OPTIONS);
    return { ok: true, transferId, replayed: false };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, message: error.message };
    // The same key committed by a concurrent request: that one is this submission's transfer.
    const winner = await findByKey(db, input);
    if (winner) return { ok: true, transferId: winner.id, replayed: true };
    throw error;
  }
}

function findByKey(db: Db, input: TransferInput) {
  return db.transfer.findUnique({
    where: { userId_idempotencyKey: { userId: input.userId, idempotencyKey: input.idempotencyKey } },
  });
}

async function moveMoney(tx: Db, input: TransferInput): Promise<string> {
  const from =
    isRecordId(input.fromAccountId) &&
    (await tx.account.findFirst({ where: { id: input.fromAccountId, userId: input.userId } }));
  if (!from) throw new Refused("Choose one of your accounts to pay from.");
  const to = await tx.account.findUnique({ where: { number: input.toAccountNumber } });
  if (!to) throw new Refused("No account has that number. Check it and try again.");
  if (to.id === from.id) throw new Refused("Choose two different accounts.");

  // Rows are updated in a fixed order (by id) so two opposite transfers cannot deadlock.
  const steps = [
    { id: from.id, run: () => debit(tx, from.id, input.amountCents) },
    { id: to.id, run: () => credit(tx, to.id, input.amountCents) },
  ].sort((a, b) => a.id.localeCompare(b.id));
  const balances = new Map<string, number>();
  for (const step of steps) balances.set(step.id, await step.run());

  const transfer = await tx.transfer.create({
    data: {
      userId: input.userId,
      fromAccountId: from.id,
      toAccountId: to.id,
      amountCents: input.amountCents,
      memo: input.memo,
      idempotencyKey: input.idempotencyKey,
    },
  });
  await tx.ledgerEntry.createMany({
    data: [
      entry(from.id, -input.amountCents, balances.get(from.id)!, `Transfer to ${to.number}`, input.memo, transfer.id),
      entry(to.id, input.amountCents, balances.get(to.id)!, `Transfer from ${from.number}`, input.memo, transfer.id),
    ],
  });
  return transfer.id;
}

/** The overdraft check and the debit are one statement: the database serialises them. */
async function debit(tx: Db, accountId: string, cents: number): Promise<number> {
  const { count } = await tx.account.updateMany({
    where: { id: accountId, balanceCents: { gte: cents } },
    data: { balanceCents: { decrement: cents } },
  });
  if (count === 0) throw new Refused("Insufficient funds for this transfer.");
  return balanceOf(tx, accountId);
}

async function credit(tx: Db, accountId: string, cents: number): Promise<number> {
  await tx.account.update({ where: { id: accountId }, data: { balanceCents: { increment: cents } } });
  return balanceOf(tx, accountId);
}

async function balanceOf(tx: Db, accountId: string): Promise<number> {
  const account = await tx.account.findUniqueOrThrow({ where: { id: accountId }, select: { balanceCents: true } });
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
  if (!transfer) return null;
  const [from, to] = await Promise.all([
    appDb.account.findUniqueOrThrow({ where: { id: transfer.fromAccountId } }),
    appDb.account.findUniqueOrThrow({ where: { id: transfer.toAccountId } }),
  ]);
  return { transfer, from, to: { number: to.number, name: to.userId === userId ? to.name : null } };
}
