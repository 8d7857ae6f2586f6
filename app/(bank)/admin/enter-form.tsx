"use client";

import { useActionState } from "react";
import { StepUpFields } from "@/components/step-up-fields";
import { enterAdminPanel, type EnterState } from "./actions";

export function EnterAdminForm({ needsPassword }: { needsPassword: boolean }) {
  const [state, action, pending] = useActionState<EnterState, FormData>(enterAdminPanel, { needsPassword });
  return (
    <form action={action} className="card form max-w-xl">
      {state.needsPassword ? (
        <StepUpFields intro="Enter your password to open the admin panel." message={state.message} />
      ) : (
        state.message && (
          <p className="form-error" role="alert">
            {state.message}
          </p>
        )
      )}
      <button type="submit" className="btn mt-2 justify-self-start" disabled={pending}>
        Enter admin panel
      </button>
    </form>
  );
}
