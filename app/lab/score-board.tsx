"use client";

import { useEffect, useState } from "react";
import type { FlawScore } from "@/lib/lab/outcomes";

// Often enough that the room sees the result while it still looks at the attacker's window.
const POLL_INTERVAL_MS = 1500;

const timeFormat = new Intl.DateTimeFormat("en-US", { timeStyle: "medium" });

const OUTCOME_WORDS = { exploited: "Exploited", blocked: "Blocked" } as const;

/**
 * Every flaw's state for the class, polled from /lab/scores, and the newest outcome announced:
 * shown at the top and read out by screen readers the moment the lab sees it.
 */
export function ScoreBoard({ initial, only }: { initial: FlawScore[]; only?: string }) {
  const [scores, setScores] = useState(initial);
  const latest = latestOutcome(scores);
  useEffect(() => {
    const poll = async () => {
      const response = await fetch("/lab/scores", { cache: "no-store" }).catch(() => null);
      if (response?.ok) setScores((await response.json()) as FlawScore[]);
    };
    const timer = setInterval(poll, POLL_INTERVAL_MS);
    return () => clearInterval(timer);
  }, []);
  const shown = only ? scores.filter((s) => s.flaw === only) : scores;

  return (
    <>
      <p role="log" aria-label="Latest attack" className={announcementClass(latest?.last.outcome)}>
        {latest ? (
          <>
            <strong>
              {OUTCOME_WORDS[latest.last.outcome]}: {latest.flaw}.
            </strong>{" "}
            {latest.last.why}
          </>
        ) : (
          "No attack seen yet."
        )}
      </p>
      <div className="overflow-x-auto">
        <table className="w-full text-left" aria-label="Score board">
          <thead>
            <tr>
              <th scope="col">Flaw</th>
              <th scope="col">Switch</th>
              <th scope="col">Last attack</th>
              <th scope="col" className="text-right">
                Exploited
              </th>
              <th scope="col" className="text-right">
                Blocked
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((score) => (
              <tr key={score.flaw}>
                <th scope="row">
                  <a href={`/lab#${score.flaw}`}>
                    <code>{score.flaw}</code>
                  </a>
                </th>
                <td>{score.enabled ? "Flaw on" : "Defense on"}</td>
                <td>
                  {score.last ? (
                    <>
                      <strong>{OUTCOME_WORDS[score.last.outcome]}</strong>{" "}
                      <span className="text-slate-600">at {timeFormat.format(new Date(score.last.at))}</span>
                    </>
                  ) : (
                    <span className="text-slate-600">Not tried</span>
                  )}
                </td>
                <td className="text-right tabular-nums">{score.exploited}</td>
                <td className="text-right tabular-nums">{score.blocked}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

type Seen = FlawScore & { last: NonNullable<FlawScore["last"]> };

/** The newest outcome on the board: what the announcement says. */
function latestOutcome(scores: FlawScore[]): Seen | null {
  let latest: Seen | null = null;
  for (const score of scores) {
    if (score.last && (!latest || score.last.at > latest.last.at)) latest = score as Seen;
  }
  return latest;
}

function announcementClass(outcome: "exploited" | "blocked" | undefined): string {
  const base = "rounded-lg border-l-4 px-4 py-3 text-lg";
  if (outcome === "exploited") return `${base} border-red-700 bg-red-50 text-red-900`;
  if (outcome === "blocked") return `${base} border-green-700 bg-green-50 text-green-900`;
  return `${base} border-slate-300 bg-slate-50 text-slate-700`;
}
