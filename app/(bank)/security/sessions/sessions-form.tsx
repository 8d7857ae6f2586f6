"use client";

import { useActionState } from "react";
import { StepUpFields } from "@/components/step-up-fields";
import { endSessions, type EndSessionsState } from "./actions";

export type SessionRow = {
  id: string;
  device: string;
  fingerprint: string;
  ip: string;
  started: string;
  lastActive: string;
  current: boolean;
};

export function SessionsForm({ sessions }: { sessions: SessionRow[] }) {
  const [state, action, pending] = useActionState<EndSessionsState, FormData>(endSessions, { status: "idle" });
  const others = sessions.filter((s) => !s.current);
  return (
    <form action={action} className="grid gap-4">
      {state.status === "step-up" && (
        <StepUpFields intro="Enter your password, then choose again which sessions to end." message={state.message} />
      )}
      <div className="table-card">
        <table className="ledger" aria-label="Your sessions">
          <thead>
            <tr>
              <th scope="col">Device</th>
              <th scope="col">Session</th>
              <th scope="col">IP address</th>
              <th scope="col">Started</th>
              <th scope="col">Last active</th>
              <th scope="col">
                <span className="sr-only">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id}>
                <td data-label="Device">
                  {s.device}
                  {s.current && <strong className="text-brand-800"> (this device)</strong>}
                </td>
                <td data-label="Session">
                  <code>{s.fingerprint}</code>
                </td>
                <td data-label="IP address">{s.ip}</td>
                <td data-label="Started">{s.started}</td>
                <td data-label="Last active">{s.lastActive}</td>
                <td>
                  {!s.current && (
                    <button
                      type="submit"
                      name="target"
                      value={s.id}
                      className="btn btn-secondary max-sm:mt-2"
                      disabled={pending}
                      aria-label={`End session on ${s.device} from ${s.ip}, session ${s.fingerprint}`}
                    >
                      End session
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {others.length > 0 && (
        <p>
          <button type="submit" name="target" value="others" className="btn" disabled={pending}>
            Sign out everywhere else
          </button>
        </p>
      )}
    </form>
  );
}
