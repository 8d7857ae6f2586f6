"use server";

import { redirect } from "next/navigation";
import { parseAmount } from "@/lib/bank/amount";
import { ACCOUNT_NUMBER_PATTERN, memoProblem } from "@/lib/bank/limits";
import { executeTransfer } from "@/lib/bank/transfers";
import { submittedForm } from "@/lib/form-data";
import { requireFreshAuth, requireSession } from "@/lib/session/guard";
import { OTHER_CUSTOMER, type TransferState, type TransferValues } from "./form-state";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function readValues(form: FormData): TransferValues {
  const text = (name: string) => String(form.get(name) ?? "");
  return {
    fromAccountId: text("fromAccountId"),
    toAccount: text("toAccount"),
    toNumber: text("toNumber").trim().toUpperCase(),
    amount: text("amount"),
    memo: text("memo").trim(),
    idempotencyKey: text("idempotencyKey"),
  };
}

function validate(values: TransferValues) {
  const errors: Partial<Record<keyof TransferValues, string>> = {};
  const amount = parseAmount(values.amount);
  if (!amount.ok) errors.amount = amount.message;
  const toNumber = values.toAccount === OTHER_CUSTOMER ? values.toNumber : values.toAccount;
  if (!ACCOUNT_NUMBER_PATTERN.test(toNumber)) errors.toNumber = "Enter the recipient's account number, like VL-1002-0001.";
  const memo = memoProblem(values.memo);
  if (memo) errors.memo = memo;
  if (!UUID.test(values.idempotencyKey)) errors.idempotencyKey = "This form has expired. Reload the page and try again.";
  return { errors, toNumber, cents: amount.ok ? amount.cents : 0 };
}

export async function submitTransfer(_previous: TransferState, submitted: FormData): Promise<TransferState> {
  const session = await requireSession("high");
  const form = submittedForm(submitted);
  const values = readValues(form);
  const { errors, toNumber, cents } = validate(values);
  if (Object.keys(errors).length > 0) return { status: "editing", values, errors, message: errors.idempotencyKey };

  // Moving money needs the password entered within the last few minutes, on this session.
  const fresh = await requireFreshAuth(session, form);
  if (!fresh.ok) return { status: "step-up", values, message: fresh.message };
  const { userId } = fresh.session;

  const outcome = await executeTransfer({
    userId,
    fromAccountId: values.fromAccountId,
    toAccountNumber: toNumber,
    amountCents: cents,
    memo: values.memo || null,
    idempotencyKey: values.idempotencyKey,
  });
  if (!outcome.ok) return { status: "editing", values, message: outcome.message };
  redirect(`/transfers/${outcome.transferId}`);
}
