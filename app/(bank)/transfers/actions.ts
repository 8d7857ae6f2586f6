"use server";

import { randomUUID } from "node:crypto";
import { redirect } from "next/navigation";
import { parseAmount } from "@/lib/bank/amount";
import { ACCOUNT_NUMBER_PATTERN, memoProblem } from "@/lib/bank/limits";
import { executeTransfer, type TransferOutcome } from "@/lib/bank/transfers";
import { protectedAction, type FormReading } from "@/lib/session/guard";
import type { TransferErrors, TransferState, TransferValues } from "./form-state";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function readValues(form: FormData): TransferValues {
  const text = (name: string) => String(form.get(name) ?? "");
  return {
    fromAccountId: text("fromAccountId"),
    recipient: text("recipient") === "own" ? "own" : "other",
    toAccount: text("toAccount"),
    toNumber: text("toNumber").trim().toUpperCase(),
    amount: text("amount"),
    memo: text("memo").trim(),
    idempotencyKey: text("idempotencyKey"),
  };
}

const DESTINATION_MESSAGES = {
  toAccount: "Choose which of your accounts to pay into.",
  toNumber: "Enter the recipient's account number, like VL-1002-0001.",
  recipient: "Choose one of your accounts or enter someone else's account number, not both.",
} as const;

type Destination = { ok: true; number: string } | { ok: false; field: keyof typeof DESTINATION_MESSAGES };

/**
 * Where the money goes: one of the customer's accounts (`toAccount`) or someone else's number
 * (`toNumber`), whichever arrived filled in. The form's radio only picks which field it shows
 * (and sends); a submission with both filled is refused, never guessed at.
 */
function destination({ recipient, toAccount, toNumber }: TransferValues): Destination {
  if (toAccount && toNumber) return { ok: false, field: "recipient" };
  if (toAccount)
    return ACCOUNT_NUMBER_PATTERN.test(toAccount) ? { ok: true, number: toAccount } : { ok: false, field: "toAccount" };
  if (toNumber)
    return ACCOUNT_NUMBER_PATTERN.test(toNumber) ? { ok: true, number: toNumber } : { ok: false, field: "toNumber" };
  // Neither: the message goes next to the field the form shows.
  return { ok: false, field: recipient === "own" ? "toAccount" : "toNumber" };
}

/** A transfer the form describes, checked: where to (the account number) and how much. */
type CheckedTransfer = { values: TransferValues; toNumber: string; cents: number };

function readTransfer(form: FormData): FormReading<CheckedTransfer, TransferState> {
  const values = readValues(form);
  const errors: TransferErrors = {};
  const amount = parseAmount(values.amount);
  if (!amount.ok) errors.amount = amount.message;
  const to = destination(values);
  if (!to.ok) errors[to.field] = DESTINATION_MESSAGES[to.field];
  const memo = memoProblem(values.memo);
  if (memo) errors.memo = memo;
  if (!UUID.test(values.idempotencyKey))
    errors.idempotencyKey = "This form has expired. Reload the page and try again.";
  if (!amount.ok || !to.ok || Object.keys(errors).length > 0)
    return { ok: false, state: { status: "editing", values, errors, message: errors.idempotencyKey } };
  return { ok: true, input: { values, toNumber: to.number, cents: amount.cents } };
}

export const submitTransfer = protectedAction(
  {
    tier: "high",
    // Moving money needs the password entered within the last few minutes, on this session.
    fresh: true,
    readForm: readTransfer,
    // The password prompt keeps everything typed.
    passwordNeeded: (message, { values }): TransferState => ({ status: "step-up", values, message }),
  },
  async ({ userId }, { values, toNumber, cents }): Promise<TransferState> => {
    const outcome = await executeTransfer({
      userId,
      fromAccountId: values.fromAccountId,
      toAccountNumber: toNumber,
      amountCents: cents,
      memo: values.memo || null,
      idempotencyKey: values.idempotencyKey,
    });
    if (!outcome.ok) return notMade(outcome, values);
    redirect(`/transfers/${outcome.transferId}`);
  },
);

const REUSED_FORM_MESSAGE = "This form was already sent with other details. Reload the page and try again.";

/**
 * A form sent twice gets the original's answer. While it still runs, the key stays: sending the
 * same form again shows its outcome. After a refusal the form gets a new key, so the corrected
 * form is a new transfer rather than a retry of the refused one.
 */
function notMade(outcome: Exclude<TransferOutcome, { ok: true }>, values: TransferValues): TransferState {
  if (outcome.reason === "in_progress") return { status: "editing", values, message: outcome.message };
  const renewed = { ...values, idempotencyKey: randomUUID() };
  if (outcome.reason === "conflict") return { status: "editing", values: renewed, message: REUSED_FORM_MESSAGE };
  return { status: "editing", values: renewed, message: outcome.message };
}
