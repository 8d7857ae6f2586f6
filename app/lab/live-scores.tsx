"use client";

// The score board's live parts: what the last attack on each flaw did, and the newest outcome
// announced. One poll of /lab/scores feeds every part on the page, however many there are.
import { useSyncExternalStore } from "react";
import type { FlawScore, Outcome } from "@/lib/lab/outcomes";

// Often enough that the room sees the result while it still looks at the attacker's window.
const POLL_INTERVAL_MS = 1500;

const OUTCOME_WORDS: Record<Outcome, string> = { exploited: "Exploited", blocked: "Blocked" };
const timeFormat = new Intl.DateTimeFormat("en-US", { timeStyle: "medium" });

let polled: FlawScore[] | null = null;
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

async function poll(): Promise<void> {
  const response = await fetch("/lab/scores", { cache: "no-store" }).catch(() => null);
  if (!response?.ok) return;
  polled = (await response.json()) as FlawScore[];
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  timer ??= setInterval(poll, POLL_INTERVAL_MS);
  return () => {
    listeners.delete(listener);
    if (listeners.size > 0) return;
    clearInterval(timer);
    timer = undefined;
  };
}

/** The scores: the page's own until the first poll answers, then the latest polled. */
function useScores(initial: FlawScore[]): FlawScore[] {
  return useSyncExternalStore(
    subscribe,
    () => polled ?? initial,
    () => initial,
  );
}

/** The newest outcome of `scores` (of one flaw's, with `only`), announced as it arrives. */
export function LatestAttack({ initial, only }: { initial: FlawScore[]; only?: string }) {
  const scores = useScores(initial).filter((s) => !only || s.flaw === only);
  const latest = scores.reduce<FlawScore | null>(
    (newest, s) => (s.last && (!newest?.last || s.last.at > newest.last.at) ? s : newest),
    null,
  );
  const outcome = latest?.last?.outcome;
  return (
    <p role="log" aria-label="Latest attack" className={announcementClass(outcome)}>
      {latest?.last ? (
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
  );
}

/** One flaw's last outcome and when, for its row of the board. */
export function LastOutcome({ initial, flaw }: { initial: FlawScore[]; flaw: string }) {
  const score = useScores(initial).find((s) => s.flaw === flaw);
  if (!score?.last) return <span className="text-slate-600">Not tried</span>;
  return (
    <>
      <strong className={score.last.outcome === "exploited" ? "text-red-800" : "text-green-800"}>
        {OUTCOME_WORDS[score.last.outcome]}
      </strong>{" "}
      <span className="text-slate-600">at {timeFormat.format(new Date(score.last.at))}</span>
    </>
  );
}

/** How many times an attack on the flaw was seen to get through, or to be stopped. */
export function OutcomeCount({ initial, flaw, outcome }: { initial: FlawScore[]; flaw: string; outcome: Outcome }) {
  const score = useScores(initial).find((s) => s.flaw === flaw);
  return <>{score?.[outcome] ?? 0}</>;
}

function announcementClass(outcome: Outcome | undefined): string {
  const base = "rounded-lg border-l-4 px-4 py-3 text-lg";
  if (outcome === "exploited") return `${base} border-red-700 bg-red-50 text-red-900`;
  if (outcome === "blocked") return `${base} border-green-700 bg-green-50 text-green-900`;
  return `${base} border-slate-300 bg-slate-50 text-slate-700`;
}
