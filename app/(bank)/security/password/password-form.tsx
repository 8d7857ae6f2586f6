"use client";

import { useActionState } from "react";
import { MAX_PASSWORD_BYTES, MIN_PASSWORD_LENGTH } from "@/lib/auth/password-rules";
import { submitPasswordChange, type PasswordState } from "./actions";

export function PasswordForm() {
  const [state, action, pending] = useActionState<PasswordState, FormData>(submitPasswordChange, { status: "editing" });
  if (state.status === "done") {
    const others = state.othersEnded === 1 ? "1 other session was" : `${state.othersEnded} other sessions were`;
    return (
      <p className="notice" role="status">
        Password changed. {others} signed out; this device stays signed in.
      </p>
    );
  }
  return (
    <form action={action} className="card form max-w-xl">
      {state.message && (
        <p className="form-error" role="alert">
          {state.message}
        </p>
      )}
      <label htmlFor="currentPassword" className="label">
        Current password
      </label>
      <input
        id="currentPassword"
        name="currentPassword"
        className="input"
        type="password"
        autoComplete="current-password"
        required
      />
      <label htmlFor="newPassword" className="label">
        New password
      </label>
      <input
        id="newPassword"
        name="newPassword"
        className="input"
        type="password"
        autoComplete="new-password"
        required
        aria-describedby="new-password-help"
      />
      <p id="new-password-help" className="hint">
        {MIN_PASSWORD_LENGTH} to {MAX_PASSWORD_BYTES} characters (accented letters and emoji count as 2 to 4), not a
        commonly used password.
      </p>
      <label htmlFor="confirmPassword" className="label">
        Confirm new password
      </label>
      <input
        id="confirmPassword"
        name="confirmPassword"
        className="input"
        type="password"
        autoComplete="new-password"
        required
      />
      <button type="submit" className="btn mt-4 justify-self-start" disabled={pending}>
        {pending ? "Changing…" : "Change password"}
      </button>
    </form>
  );
}
