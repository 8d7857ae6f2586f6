// What the transfer races send and how they read the answers: one transfer over the JSON API or
// through the web form's server action, each answer reduced to what a client learns from it
// (sent, with the transfer's id; refused, with the bank's reason; still in progress), and
// deposits that keep the books while a round sets the payer's balance.
import { request as playwrightRequest, type APIRequestContext, type Browser } from "@playwright/test";
import { TRANSFER_IN_PROGRESS_MESSAGE } from "@/lib/bank/limits";
import type { Db } from "@/lib/db";
import { apiTransfer } from "./api";
import type { DirectServer } from "./direct-server";
import { signInOnNewDevice, type TestUser } from "./fixtures";
import { actionIdOn, callAction, formParts } from "./server-action";

export type TransferAnswer =
  | { kind: "sent"; id: string }
  | { kind: "refused"; message: string }
  | { kind: "in-progress" }
  | { kind: "other"; status: number; body: string };

export type Payment = { from: TestUser; to: TestUser; amount: string; key: string };

/** One transfer over the API on the instance `client` talks to. */
export async function sendByApi(client: APIRequestContext, token: string, payment: Payment): Promise<TransferAnswer> {
  const body = {
    fromAccountId: payment.from.accountId,
    toAccountNumber: payment.to.accountNumber,
    amount: payment.amount,
  };
  const response = await apiTransfer(client, token, body, payment.key);
  const status = response.status();
  const text = await response.text();
  const json = parsed(text);
  if ((status === 201 || status === 200) && typeof json.transfer?.id === "string")
    return { kind: "sent", id: json.transfer.id };
  if (status === 422 && json.error === "transfer_refused") return { kind: "refused", message: String(json.message) };
  if (status === 409 && json.error === "transfer_in_progress" && Number(response.headers()["retry-after"]) > 0)
    return { kind: "in-progress" };
  return { kind: "other", status, body: text.slice(0, 300) };
}

export type WebForm = {
  actionId: string;
  /** One client per instance, with that instance's address. */
  senders: { client: APIRequestContext; baseURL: string }[];
  dispose: () => Promise<void>;
};

/**
 * The transfer form's server action, signed in once in a browser (one bcrypt), then posted from
 * one client per instance that carries the browser's cookie (a localhost cookie goes to every
 * port). Not page.request: it reads the browser's cookie jar for every request, one at a time,
 * which delays a burst of posts by seconds and decides who wins a race.
 */
export async function webFormOf(browser: Browser, instances: DirectServer[], user: TestUser): Promise<WebForm> {
  const page = await signInOnNewDevice(browser, instances[0]!.baseURL, user);
  await page.goto("/transfers");
  const actionId = await actionIdOn(page);
  const storageState = await page.context().storageState();
  await page.context().close();
  const senders = await Promise.all(
    instances.map(async ({ baseURL }) => ({ baseURL, client: await playwrightRequest.newContext({ storageState }) })),
  );
  const dispose = async () => void (await Promise.all(senders.map((s) => s.client.dispose())));
  return { actionId, senders, dispose };
}

/** The i-th submission of the form, to instance i % 2: a redirect to the receipt, or the form again with the bank's message. */
export async function sendByForm(web: WebForm, i: number, payment: Payment): Promise<TransferAnswer> {
  const { client, baseURL } = web.senders[i % web.senders.length]!;
  const form = {
    fromAccountId: payment.from.accountId,
    recipient: "other",
    toNumber: payment.to.accountNumber,
    amount: payment.amount,
    memo: "",
    idempotencyKey: payment.key,
  };
  const { answer, result } = await callAction(client, `${baseURL}/transfers`, web.actionId, formParts(form), baseURL);
  const receipt = /^\/transfers\/(\w+)/.exec(answer.headers["x-action-redirect"] ?? "");
  if (receipt) return { kind: "sent", id: receipt[1]! };
  const state = result as { status?: string; message?: string } | null;
  if (state?.status === "editing" && state.message === TRANSFER_IN_PROGRESS_MESSAGE) return { kind: "in-progress" };
  if (state?.status === "editing" && typeof state.message === "string")
    return { kind: "refused", message: state.message };
  return { kind: "other", status: answer.status, body: answer.body.slice(0, 300) };
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
