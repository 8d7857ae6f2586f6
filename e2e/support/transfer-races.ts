// What the transfer races send and how they read the answers: one transfer over the JSON API or
// through the web form's server action (Node's fetch, with the session the race opened), each
// answer reduced to what a client learns from it (sent, with the transfer's id; refused, with the
// bank's reason; still in progress), and deposits that keep the books while a round sets the
// payer's balance.
import { TRANSFER_IN_PROGRESS_MESSAGE } from "@/lib/bank/limits";
import type { Db } from "@/lib/db";
import type { TestUser } from "./fixtures";
import { carrying, postAction, raceFetch, type RaceSession } from "./races";

export type TransferAnswer =
  | { kind: "sent"; id: string }
  | { kind: "refused"; message: string }
  | { kind: "in-progress" }
  | { kind: "other"; status: number; body: string };

export type Payment = { from: TestUser; to: TestUser; amount: string; key: string };

/** One transfer over the API on the instance at `baseURL`. */
export async function sendByApi(baseURL: string, session: RaceSession, payment: Payment): Promise<TransferAnswer> {
  const body = {
    fromAccountId: payment.from.accountId,
    toAccountNumber: payment.to.accountNumber,
    amount: payment.amount,
  };
  const response = await raceFetch(`${baseURL}/api/v1/transfers`, {
    method: "POST",
    body: JSON.stringify(body),
    headers: { ...carrying(session, "api"), "Content-Type": "application/json", "Idempotency-Key": payment.key },
  });
  const status = response.status;
  const text = await response.text();
  const json = parsed(text);
  if ((status === 201 || status === 200) && typeof json.transfer?.id === "string")
    return { kind: "sent", id: json.transfer.id };
  if (status === 422 && json.error === "transfer_refused") return { kind: "refused", message: String(json.message) };
  if (status === 409 && json.error === "transfer_in_progress" && Number(response.headers.get("retry-after")) > 0)
    return { kind: "in-progress" };
  return { kind: "other", status, body: text.slice(0, 300) };
}

/**
 * One submission of the web form's server action to the instance at `baseURL`, with the web
 * session's cookie: a redirect to the receipt, or the form again with the bank's message.
 */
export async function sendByForm(
  baseURL: string,
  actionId: string,
  session: RaceSession,
  payment: Payment,
): Promise<TransferAnswer> {
  const form = {
    fromAccountId: payment.from.accountId,
    recipient: "other",
    toNumber: payment.to.accountNumber,
    amount: payment.amount,
    memo: "",
    idempotencyKey: payment.key,
  };
  const answer = await postAction(baseURL, "/transfers", actionId, session, form);
  const receipt = /^\/transfers\/(\w+)/.exec(answer.redirect ?? "");
  if (receipt) return { kind: "sent", id: receipt[1]! };
  const state = actionState(answer.body);
  if (state?.status === "editing" && state.message === TRANSFER_IN_PROGRESS_MESSAGE) return { kind: "in-progress" };
  if (state?.status === "editing" && typeof state.message === "string")
    return { kind: "refused", message: state.message };
  return { kind: "other", status: answer.status, body: answer.body.slice(0, 300) };
}

/** Row 1 of a server action's RSC answer: the state the action returned. */
function actionState(body: string): { status?: string; message?: string } | null {
  const row = body.split("\n").find((line) => line.startsWith("1:"));
  try {
    return row ? JSON.parse(row.slice(2)) : null;
  } catch {
    return null;
  }
}

function parsed(text: string): { transfer?: { id?: unknown }; error?: unknown; message?: string } {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

/**
 * Puts money into the account as a bank deposit would: the balance and a ledger entry together,
 * so the books stay balanced. Returns the new balance.
 */
export async function deposit(db: Db, accountId: string, cents: number): Promise<number> {
  return db.$transaction(async (tx) => {
    const { balanceCents } = await tx.account.update({
      where: { id: accountId },
      data: { balanceCents: { increment: cents } },
    });
    await tx.ledgerEntry.create({
      data: { accountId, amountCents: cents, balanceAfterCents: balanceCents, description: "Deposit" },
    });
    return balanceCents;
  });
}

/** Cents as the API and the form take them: "12.34". */
export function dollars(cents: number): string {
  return (cents / 100).toFixed(2);
}
