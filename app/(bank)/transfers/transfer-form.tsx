"use client";

import { useActionState } from "react";
import { MEMO_MAX_LENGTH } from "@/lib/bank/limits";
import { StepUpFields } from "@/components/step-up-fields";
import { submitTransfer } from "./actions";
import { FieldError } from "./field-error";
import type { AccountOption, TransferState, TransferValues } from "./form-state";
import { RecipientChoice } from "./recipient-choice";

export function TransferForm({ accounts, initial }: { accounts: AccountOption[]; initial: TransferValues }) {
  const [state, action, pending] = useActionState<TransferState, FormData>(submitTransfer, {
    status: "editing",
    values: initial,
  });
  const { values } = state;
  const errors = state.status === "editing" ? (state.errors ?? {}) : {};
  const stepUp = state.status === "step-up";

  return (
    // key: a new answer from the server resets the uncontrolled fields to the values it echoed.
    <form action={action} className="card form max-w-xl" key={JSON.stringify(state)}>
      {state.status === "editing" && state.message && (
        <p className="form-error" role="alert">
          {state.message}
        </p>
      )}
      <input type="hidden" name="idempotencyKey" value={values.idempotencyKey} />

      <label htmlFor="fromAccountId" className="label">
        From
      </label>
      <select id="fromAccountId" name="fromAccountId" defaultValue={values.fromAccountId} className="input">
        {accounts.map((a) => (
          <option key={a.id} value={a.id}>
            {a.label}
          </option>
        ))}
      </select>

      <RecipientChoice accounts={accounts} values={values} errors={errors} />

      <label htmlFor="amount" className="label">
        Amount (USD)
      </label>
      <input
        id="amount"
        name="amount"
        className="input"
        inputMode="decimal"
        defaultValue={values.amount}
        autoComplete="off"
        aria-describedby="amount-error"
      />
      <FieldError id="amount-error" message={errors.amount} />

      <label htmlFor="memo" className="label">
        Memo (optional)
      </label>
      <input
        id="memo"
        name="memo"
        className="input"
        maxLength={MEMO_MAX_LENGTH}
        defaultValue={values.memo}
        aria-describedby="memo-error"
      />
      <FieldError id="memo-error" message={errors.memo} />

      {stepUp && (
        <StepUpFields
          intro="For your security, enter your password to confirm this transfer."
          message={state.message}
        />
      )}

      <button type="submit" className="btn mt-4 justify-self-start" disabled={pending}>
        {pending ? "Sending…" : stepUp ? "Confirm transfer" : "Send transfer"}
      </button>
    </form>
  );
}
