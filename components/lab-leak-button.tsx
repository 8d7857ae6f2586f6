"use client";

// Lab mode only, beside the session inspector: what malware, a proxy log or a stolen backup gives
// a thief, in one click, so the demos that start from a copied cookie need no DevTools.
import { useActionState } from "react";
import { leakSession, type LeakState } from "@/app/lab/leak-action";

export function LabLeakButton() {
  const [state, leak, leaking] = useActionState((_previous: LeakState, form: FormData) => leakSession(form), null);
  return (
    <form action={leak} className="mt-2 flex flex-wrap items-center gap-2 text-sm">
      <button type="submit" className="btn btn-secondary" disabled={leaking}>
        Leak this session to Mallory
      </button>
      <span role="status">
        {state === "sent" && "Sent to the attacker's inbox: Mallory's view on her site can open the bank with it."}
        {state === "no-attacker" && "The attacker's site is not running."}
      </span>
    </form>
  );
}
