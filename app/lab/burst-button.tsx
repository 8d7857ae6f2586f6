"use client";

import { useActionState } from "react";
import type { BurstFlaw, BurstReport } from "@/lib/lab/bursts";
import { runBurst } from "./actions";

/** The flaw's attack from a button: every answer the bank gave, counted, and the verdict. */
export function BurstButton({ flaw, label }: { flaw: BurstFlaw; label: string }) {
  const [report, run, running] = useActionState(
    (_previous: BurstReport | null, form: FormData) => runBurst(form),
    null,
  );
  return (
    <section aria-labelledby="burst-heading" className="card grid gap-3">
      <h2 id="burst-heading">Run the attack</h2>
      <form action={run}>
        <input type="hidden" name="flaw" value={flaw} />
        <button type="submit" className="btn" disabled={running}>
          {running ? "Attacking…" : label}
        </button>
      </form>
      <div aria-live="polite" aria-label="What the bank answered" role="region">
        {running && <p>Attacking; the score board above counts what the bank meets as it meets it.</p>}
        {report && !running && (
          <>
            <p>
              <strong>{report.succeeded ? "The attack worked." : "The attack failed."}</strong> {report.verdict}
            </p>
            <p>{report.sent} requests sent. The bank&apos;s answers:</p>
            <ul className="list-disc pl-5">
              {report.answers.map(({ answer, count }) => (
                <li key={answer}>
                  <code>{answer}</code> × {count}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}
