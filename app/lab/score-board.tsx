import Link from "next/link";
import type { FlawName } from "@/lib/lab/flaw-names";
import { FLAWS } from "@/lib/lab/flaws";
import type { FlawScore } from "@/lib/lab/outcomes";
import { FlawSwitch } from "./flaw-switch";
import { LastOutcome, OutcomeCount } from "./live-scores";

/**
 * The console's index of flaws: each with its page, its switch and the live outcome of the last
 * attack on it. The switches are forms rendered here; the outcomes follow the lab as it polls.
 */
export function ScoreBoard({ scores, off }: { scores: FlawScore[]; off: readonly FlawName[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left" aria-label="Score board">
        <thead>
          <tr>
            <th scope="col">Flaw</th>
            <th scope="col">Switch</th>
            <th scope="col">Last attack</th>
            <th scope="col" className="pl-4 text-right">
              Exploited
            </th>
            <th scope="col" className="pl-4 text-right">
              Blocked
            </th>
          </tr>
        </thead>
        <tbody>
          {scores.map(({ flaw }) => (
            <tr key={flaw}>
              <th scope="row" className="font-normal">
                <Link href={`/lab/flaws/${flaw}`} id={`${flaw}-row`} className="font-semibold">
                  <code>{flaw}</code>
                </Link>
                <span className="block text-sm text-slate-600">{FLAWS[flaw].finding}</span>
              </th>
              <td>
                <FlawSwitch name={flaw} on={off.includes(flaw)} labelledBy={`${flaw}-row`} />
              </td>
              <td>
                <LastOutcome initial={scores} flaw={flaw} />
              </td>
              <td className="pl-4 text-right tabular-nums">
                <OutcomeCount initial={scores} flaw={flaw} outcome="exploited" />
              </td>
              <td className="pl-4 text-right tabular-nums">
                <OutcomeCount initial={scores} flaw={flaw} outcome="blocked" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
