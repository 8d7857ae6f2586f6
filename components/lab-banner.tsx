import { activeFlaws } from "@/lib/lab/flaws";

/** Red on every page while any defense is switched off, so nobody mistakes a lab for a bank. */
export function LabBanner() {
  const flaws = activeFlaws();
  if (flaws.length === 0) return null;
  return (
    <div className="lab-banner" role="note" aria-label="Lab mode">
      <strong>LAB MODE — insecure on purpose.</strong> Defenses switched off: {flaws.join(", ")}
    </div>
  );
}
