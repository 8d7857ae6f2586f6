import type { FlawName } from "@/lib/lab/flaw-names";
import { switchFlaw } from "./actions";

/**
 * A flaw's switch: a form of its own, so it works before the page's script has loaded. Its name
 * is the flaw's, read from the element `labelledBy` names (the flaw's heading or row).
 */
export function FlawSwitch({ name, on, labelledBy }: { name: FlawName; on: boolean; labelledBy: string }) {
  return (
    <form action={switchFlaw}>
      <input type="hidden" name="flaw" value={name} />
      <input type="hidden" name="enabled" value={on ? "off" : "on"} />
      <button
        type="submit"
        role="switch"
        aria-checked={on}
        aria-labelledby={labelledBy}
        className={`min-w-32 cursor-pointer rounded-full border px-4 py-1.5 text-sm font-semibold ${on ? "border-red-700 bg-red-700 text-white" : "border-green-700 bg-green-50 text-green-800"}`}
      >
        {on ? "Flaw on" : "Defense on"}
      </button>
    </form>
  );
}
