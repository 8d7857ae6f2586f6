// The `stranger` fixture: a second customer whose records the test's own `user` names by ID.
// Everything is made through the real app, so each ID is one the server itself issued: a
// transfer with a memo (its receipt), ledger entries, and a live session (an API sign-in).
// `leaks` are the texts that must never reach the user: account numbers, memo, name, balance.
import { randomUUID } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { apiSignIn, apiTransfer, bearer } from "./api";
import { addAccount, expect, test as base, type TestUser } from "./fixtures";

export type Stranger = TestUser & {
  transferId: string;
  /** A ledger entry of the stranger's checking account (a history cursor). */
  entryId: string;
  /** The stranger's live session (an API sign-in) and its bearer token. */
  sessionId: string;
  token: string;
  leaks: string[];
};

const AMOUNT = "123.45";
// What the stranger's checking account holds after the transfer (2,500.00 - 123.45).
const BALANCE_AFTER = ["2,376.55", "2376.55"];

export const test = base.extend<{ stranger: Stranger }>({
  stranger: async ({ createUser, db, request }, use) => {
    const stranger = await createUser();
    const savings = await addAccount(db, stranger, "Savings");
    const memo = `Rent for flat ${randomUUID().slice(0, 8)}`;
    const token = await apiSignIn(request, stranger);
    const sent = await apiTransfer(
      request,
      token,
      { fromAccountId: stranger.accountId, toAccountNumber: savings.number, amount: AMOUNT, memo },
      randomUUID(),
    );
    expect(sent.status(), "the stranger's own transfer").toBe(201);
    const session = await db.session.findFirstOrThrow({ where: { userId: stranger.id, endedAt: null } });
    const entry = await db.ledgerEntry.findFirstOrThrow({ where: { accountId: stranger.accountId } });
    await use({
      ...stranger,
      transferId: (await sent.json()).transfer.id,
      entryId: entry.id,
      sessionId: session.id,
      token,
      leaks: [stranger.accountNumber, savings.number, memo, stranger.name, ...BALANCE_AFTER],
    });
  },
});

export { expect };

/** A well-formed record ID that names nothing: what "not found" looks like for this route. */
export function missingId(): string {
  return `cm${randomUUID().replaceAll("-", "").slice(0, 23)}`;
}

/** The stranger's session still works: their token reads their accounts. */
export async function strangerStillSignedIn(request: APIRequestContext, stranger: Stranger): Promise<boolean> {
  const response = await request.get("/api/v1/accounts", { headers: bearer(stranger.token) });
  return response.status() === 200;
}

export function expectNoLeak(body: string, stranger: Stranger, context: string): void {
  for (const leak of stranger.leaks) expect(body, `${context}: shows ${leak}`).not.toContain(leak);
}
