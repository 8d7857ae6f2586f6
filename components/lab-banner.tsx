import { activeFlaws } from "@/lib/lab/flaws";
import { latestOutcome } from "@/lib/lab/outcomes";

const OUTCOME_WORDS = { exploited: "Exploited", blocked: "Blocked" } as const;

/**
 * On every page of a lab: red while any defense is switched off, so nobody mistakes a lab for a
 * bank, and the class's newest attack outcome, so the victim's window tells the room too.
 * Rendered per request, so it follows the console's switches and the score board as they change.
 */
export async function LabBanner() {
  const flaws = activeFlaws();
  // A lab page still renders when the board cannot be read (the database-outage demo).
  const latest = await latestOutcome().catch(() => null);
  if (flaws.length === 0 && !latest) return null;
  const colours = flaws.length > 0 ? "bg-red-700 text-white" : "bg-slate-800 text-white";
  return (
    <div className={`${colours} px-4 py-2 text-center text-sm`} role="note" aria-label="Lab mode">
      {flaws.length > 0 ? (
        <>
          <strong>LAB MODE — insecure on purpose.</strong> Defenses switched off: {flaws.join(", ")}.{" "}
        </>
      ) : (
        <strong>LAB MODE — every defense on. </strong>
      )}
      {latest && (
        <>
          Latest attack:{" "}
          <strong>
            {OUTCOME_WORDS[latest.outcome]}: {latest.flaw}.
          </strong>{" "}
          {latest.why}{" "}
        </>
      )}
      <a href="/lab" className="text-white hover:text-red-100">
        Lab console
      </a>
    </div>
  );
}
