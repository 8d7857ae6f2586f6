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
    <form action={action} className="form">
      {state.message && (
        <p className="form-error" role="alert">
          {state.message}
        </p>
      )}
      <label htmlFor="currentPassword">Current password</label>
      <input id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" required />
      <label htmlFor="newPassword">New password</label>
      <input
        id="newPassword"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        aria-describedby="new-password-help"
      />
      <p id="new-password-help" className="muted">
        {MIN_PASSWORD_LENGTH} to {MAX_PASSWORD_BYTES} characters (accented letters and emoji count as 2 to 4), not a
        commonly used password.
      </p>
      <label htmlFor="confirmPassword">Confirm new password</label>
      <input id="confirmPassword" name="confirmPassword" type="password" autoComplete="new-password" required />
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Changing…" : "Change password"}
      </button>
    </form>
  );
}
