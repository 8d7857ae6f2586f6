"use client";

import { useActionState } from "react";
import { enterAdminPanel, type EnterState } from "./actions";

export function EnterAdminForm({ needsPassword }: { needsPassword: boolean }) {
  const [state, action, pending] = useActionState<EnterState, FormData>(enterAdminPanel, { needsPassword });
  return (
    <form action={action} className="form">
      {state.message && <p className="form-error" role="alert">{state.message}</p>}
      {state.needsPassword && (
        <>
          <label htmlFor="password">Password</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required />
        </>
      )}
      <button type="submit" className="button" disabled={pending}>Enter admin panel</button>
    </form>
  );
}
