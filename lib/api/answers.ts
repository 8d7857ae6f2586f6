// The JSON the API answers with on success: sessions (never a token except the one just
// issued), accounts, history pages and transfers. Money is a decimal string ("12.34").
import "server-only";
import { NextResponse } from "next/server";
import type { Account, LedgerEntry } from "@/lib/generated/sqlite/client";
import { centsToDecimal } from "@/lib/money";
import type { StepUpResult } from "@/lib/session/step-up";
import { sessionDeadlines } from "@/lib/session/status";
import { apiError, sessionRefused, wrongPassword } from "./errors";

type SessionFacts = Parameters<typeof sessionDeadlines>[0];

/** A newly issued token (sign-in or step-up) with the rules and deadlines it lives by. */
export function tokenAnswer(token: string, session: SessionFacts, status: number): NextResponse {
  return NextResponse.json({ token, tokenType: "Bearer", session: sessionDeadlines(session) }, { status });
}

export function sessionAnswer(session: SessionFacts): NextResponse {
  return NextResponse.json({ session: sessionDeadlines(session) });
}

export function stepUpAnswer(result: StepUpResult): NextResponse {
  if (result.ok) {
    // Only a lab server running no-rotation-on-step-up keeps the old token (and says so).
    if (!result.token) return NextResponse.json({ rotated: false, session: sessionDeadlines(result.session) });
    return tokenAnswer(result.token, result.session, 200);
  }
  if (result.reason === "wrong_password") return wrongPassword(result.attemptsLeft);
  if (result.reason === "step_up_limit")
    return apiError("step_up_limit", undefined, { headers: { "Retry-After": String(result.retryAfterSeconds) } });
  return sessionRefused(result.reason);
}

export function accountsAnswer(accounts: Account[]): NextResponse {
  return NextResponse.json({
    accounts: accounts.map((a) => ({
      id: a.id,
      number: a.number,
      name: a.name,
      balance: centsToDecimal(a.balanceCents),
      currency: "USD",
    })),
  });
}

export function transactionsAnswer(entries: LedgerEntry[], nextCursor: string | null): NextResponse {
  return NextResponse.json({
    transactions: entries.map((e) => ({
      id: e.id,
      createdAt: e.createdAt.toISOString(),
      description: e.description,
      memo: e.memo,
      amount: centsToDecimal(e.amountCents),
      balanceAfter: centsToDecimal(e.balanceAfterCents),
      transferId: e.transferId,
    })),
    nextCursor,
  });
}

export type TransferDetails = {
  transfer: { id: string; fromAccountId: string; amountCents: number; memo: string | null; createdAt: Date };
  to: { number: string };
};

/** 201 for a new transfer; 200 with `replayed: true` when a retry found the original. */
export function transferAnswer(details: TransferDetails, replayed: boolean): NextResponse {
  const { transfer, to } = details;
  return NextResponse.json(
    {
      transfer: {
        id: transfer.id,
        fromAccountId: transfer.fromAccountId,
        toAccountNumber: to.number,
        amount: centsToDecimal(transfer.amountCents),
        currency: "USD",
        memo: transfer.memo,
        createdAt: transfer.createdAt.toISOString(),
      },
      replayed,
    },
    { status: replayed ? 200 : 201 },
  );
}
