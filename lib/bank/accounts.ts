// Read access to a customer's accounts. Every query is scoped by the owner's user ID, so one
// customer can never read another's account by changing an ID in the URL.
import "server-only";
import { db } from "@/lib/db";
import { isRecordId } from "@/lib/text";

const HISTORY_PAGE_SIZE = 50;

export async function listAccounts(userId: string) {
  return db.account.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
}

export async function getAccountHistory(userId: string, accountId: string) {
  if (!isRecordId(accountId)) return null;
  return db.account.findFirst({
    where: { id: accountId, userId },
    include: { entries: { orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: HISTORY_PAGE_SIZE } },
  });
}
