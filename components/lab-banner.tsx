import { activeFlaws } from "@/lib/lab/flaws";

/**
 * Red on every page while any defense is switched off, so nobody mistakes a lab for a bank.
 * Rendered per request, so it follows the lab console's switches as they change.
 */
export function LabBanner() {
  const flaws = activeFlaws();
  if (flaws.length === 0) return null;
  return (
    <div className="bg-red-700 px-4 py-2 text-center text-sm text-white" role="note" aria-label="Lab mode">
      <strong>LAB MODE — insecure on purpose.</strong> Defenses switched off: {flaws.join(", ")}.{" "}
      <a href="/lab" className="text-white hover:text-red-100">
        Lab console
      </a>
    </div>
  );
}
