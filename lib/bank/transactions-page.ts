// One page of an account's history for the JSON API: newest first, scoped to the owner (another
// customer's account is simply not found), with an opaque cursor so pages stay stable while new
// entries arrive.
import "server-only";
import { db } from "@/lib/db";
import { flawOn } from "@/lib/lab/flaws";
import type { LedgerEntry } from "@/lib/generated/sqlite/client";
import { isRecordId } from "@/lib/text";

export type TransactionsPage =
  { ok: true; entries: LedgerEntry[]; nextCursor: string | null } | { ok: false; reason: "not_found" | "bad_cursor" };

const NEWEST_FIRST = [{ createdAt: "desc" as const }, { id: "desc" as const }];

export async function pageOfTransactions(
  userId: string,
  accountId: string,
  page: { limit: number; cursor: string | null },
): Promise<TransactionsPage> {
  // LAB FLAW idor: any account's history pages open by its ID, whoever owns it.
  const owner = flawOn("idor") ? {} : { userId };
  const account =
    isRecordId(accountId) && (await db.account.findFirst({ where: { id: accountId, ...owner }, select: { id: true } }));
  if (!account) return { ok: false, reason: "not_found" };
  // The cursor is the last entry of the previous page, and must belong to this very account.
  if (
    page.cursor &&
    !(
      isRecordId(page.cursor) &&
      (await db.ledgerEntry.findFirst({ where: { id: page.cursor, accountId }, select: { id: true } }))
    )
  ) {
    return { ok: false, reason: "bad_cursor" };
  }
  const rows = await db.ledgerEntry.findMany({
    where: { accountId },
    orderBy: NEWEST_FIRST,
    take: page.limit + 1,
    ...(page.cursor ? { cursor: { id: page.cursor }, skip: 1 } : {}),
  });
  const entries = rows.slice(0, page.limit);
  return { ok: true, entries, nextCursor: rows.length > page.limit ? entries[entries.length - 1]!.id : null };
}
