// Read access to a customer's accounts. Every query is scoped by the owner's user ID, so one
// customer can never read another's account by changing an ID in the URL.
import "server-only";
import { db } from "@/lib/db";
import { flawOn } from "@/lib/lab/flaws";
// LAB ONLY
import { reportForeignRecord } from "@/lib/lab/outcomes";
// END LAB ONLY
import { isRecordId } from "@/lib/text";

const HISTORY_PAGE_SIZE = 50;
const RECENT_ACTIVITY_SIZE = 10;

export async function listAccounts(userId: string) {
  return db.account.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
}

export async function getAccountHistory(userId: string, accountId: string) {
  if (!isRecordId(accountId)) return null;
  // LAB FLAW idor: any account's history opens by its ID, whoever owns it.
  const owner = flawOn("idor") ? {} : { userId };
  const account = await db.account.findFirst({
    where: { id: accountId, ...owner },
    include: { entries: { orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: HISTORY_PAGE_SIZE } },
  });
  // LAB ONLY
  await reportForeignRecord("account history", userId, async () =>
    account ? account.userId : (await db.account.findUnique({ where: { id: accountId } }))?.userId,
  );
  // END LAB ONLY
  return account;
}

/**
 * The latest ledger entries across all of the user's accounts, newest first, each with the
 * account it belongs to. The owner is part of the query itself (the entry's account must be
 * theirs), not a filter applied afterwards to a list of IDs taken from somewhere else.
 */
export async function listRecentActivity(userId: string) {
  return db.ledgerEntry.findMany({
    where: { account: { userId } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: RECENT_ACTIVITY_SIZE,
    include: { account: { select: { id: true, name: true, number: true } } },
  });
}
