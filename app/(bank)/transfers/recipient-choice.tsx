"use client";

import { useState, useSyncExternalStore } from "react";
import { FieldError } from "./field-error";
import type { AccountOption, Recipient, TransferErrors, TransferValues } from "./form-state";

const noSubscription = () => () => {};

/** False in the server's HTML and while the browser hydrates it (for good without JavaScript), then true. */
function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

/**
 * "One of my accounts" or "Someone else": one choice, then the one field it needs. The
 * stylesheet shows the field of the checked radio, so the choice works before and without
 * JavaScript, when both fields are in the form. Once the page runs, the other field is disabled
 * as well, so the form sends only the destination chosen. The server goes by those fields, not
 * by the radio, and refuses a submission that fills in both (actions.ts).
 */
export function RecipientChoice({
  accounts,
  values,
  errors,
}: {
  accounts: AccountOption[];
  values: TransferValues;
  errors: TransferErrors;
}) {
  const [recipient, setRecipient] = useState<Recipient>(values.recipient);
  const hydrated = useHydrated();
  const inactive = (field: Recipient) => hydrated && recipient !== field;
  // With a single account there is nothing of one's own to pay into.
  const hasOwnChoice = accounts.length > 1;

  return (
    <>
      <fieldset className="choice" aria-describedby={errors.recipient ? "recipient-error" : undefined}>
        <legend className="label mb-2">Send to</legend>
        <label>
          <input
            type="radio"
            id="recipient-own"
            name="recipient"
            value="own"
            defaultChecked={values.recipient === "own"}
            disabled={!hasOwnChoice}
            aria-describedby={hasOwnChoice ? undefined : "recipient-own-hint"}
            onChange={() => setRecipient("own")}
          />
          One of my accounts
        </label>
        <label>
          <input
            type="radio"
            id="recipient-other"
            name="recipient"
            value="other"
            defaultChecked={values.recipient === "other"}
            onChange={() => setRecipient("other")}
          />
          Someone else
        </label>
        {!hasOwnChoice && (
          <span id="recipient-own-hint" className="hint mt-1 basis-full">
            You have only one account.
          </span>
        )}
      </fieldset>
      <FieldError id="recipient-error" message={errors.recipient} />

      {hasOwnChoice && (
        <div className="to-own">
          <label htmlFor="toAccount" className="label">
            To my account
          </label>
          <select
            id="toAccount"
            name="toAccount"
            className="input"
            defaultValue={values.toAccount}
            disabled={inactive("own")}
            aria-describedby="toAccount-error"
          >
            {/* Chosen by default, so a hidden select sends nothing where JavaScript cannot disable it. */}
            <option value="">Choose an account</option>
            {accounts.map((a) => (
              <option key={a.id} value={a.number}>
                {a.label}
              </option>
            ))}
          </select>
          <FieldError id="toAccount-error" message={errors.toAccount} />
        </div>
      )}

      <div className="to-other">
        <label htmlFor="toNumber" className="label">
          Recipient account number
        </label>
        <input
          id="toNumber"
          name="toNumber"
          className="input"
          defaultValue={values.toNumber}
          disabled={inactive("other")}
          autoComplete="off"
          aria-describedby="toNumber-error"
        />
        <FieldError id="toNumber-error" message={errors.toNumber} />
      </div>
    </>
  );
}
