// The books of a spec's own customers, read straight from the database: a snapshot to compare
// before and after a fault, and the bookkeeping rules no fault may break.
import type { Db } from "@/lib/db";
import { expect, type TestUser } from "./fixtures";

type Customer = Pick<TestUser, "id" | "accountId">;

/** Balances, ledger entries and transfers of these customers, in a stable order. */
export async function booksOf(db: Db, customers: Customer[]) {
  const accountIds = customers.map((c) => c.accountId);
  const [accounts, entries, transfers] = await Promise.all([
    db.account.findMany({
      where: { id: { in: accountIds } },
      select: { id: true, balanceCents: true },
      orderBy: { id: "asc" },
    }),
    db.ledgerEntry.findMany({ where: { accountId: { in: accountIds } }, orderBy: { id: "asc" } }),
    db.transfer.findMany({ where: { userId: { in: customers.map((c) => c.id) } }, orderBy: { id: "asc" } }),
  ]);
  return { accounts, entries, transfers };
}

/**
 * Every transfer fully applied or absent: each transfer has exactly its two ledger entries (the
 * debit on the payer, the credit on the payee), no entry points at a missing transfer, each
 * balance is the sum of its account's entries and its latest entry's balance-after, and the
 * customers' money in total is what it was (`totalCents`): transfers between them move it,
 * never make or lose it.
 */
export async function expectBooksBalanced(db: Db, customers: Customer[], totalCents: number): Promise<void> {
  const { accounts, entries, transfers } = await booksOf(db, customers);
  for (const transfer of transfers) {
    const legs = entries
      .filter((e) => e.transferId === transfer.id)
      .map((e) => ({ accountId: e.accountId, amountCents: e.amountCents }));
    expect(legs, `the ledger entries of transfer ${transfer.id}`).toEqual(
      expect.arrayContaining([
        { accountId: transfer.fromAccountId, amountCents: -transfer.amountCents },
        { accountId: transfer.toAccountId, amountCents: transfer.amountCents },
      ]),
    );
    expect(legs).toHaveLength(2);
  }
  const transferIds = new Set(transfers.map((t) => t.id));
  expect(
    entries.filter((e) => e.transferId !== null && !transferIds.has(e.transferId)),
    "entries of no transfer",
  ).toEqual([]);
  for (const account of accounts) {
    const own = entries.filter((e) => e.accountId === account.id);
    expect(
      own.reduce((sum, e) => sum + e.amountCents, 0),
      `account ${account.id}: balance = sum of its entries`,
    ).toBe(account.balanceCents);
    // Entries written in the same millisecond tie on createdAt: one of the latest must match.
    const latestAt = Math.max(...own.map((e) => e.createdAt.getTime()));
    const latest = own.filter((e) => e.createdAt.getTime() === latestAt).map((e) => e.balanceAfterCents);
    expect(latest, `account ${account.id}: the latest entry's balance-after`).toContain(account.balanceCents);
  }
  expect(
    accounts.reduce((sum, a) => sum + a.balanceCents, 0),
    "the customers' money in total",
  ).toBe(totalCents);
}
