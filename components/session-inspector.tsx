"use client";

// The session inspector: a collapsed panel on every signed-in page that shows the current
// session the way a trainer points at it — a fingerprint of its hash (never the token), this
// page's tier, the live deadlines, step-up freshness and the rotation timeline.
import { useState } from "react";
import type { Tier } from "@/lib/session/policy";
import type { InspectorFacts, TimelineEntry } from "@/lib/session/status";

type Props = { facts: InspectorFacts; tier: Tier; idleLeftMs: number; absoluteLeftMs: number; now: number };

const timeFormat = new Intl.DateTimeFormat("en-US", { timeStyle: "medium" });

export function SessionInspector({ facts, tier, idleLeftMs, absoluteLeftMs, now }: Props) {
  const [timeline, setTimeline] = useState<TimelineEntry[] | "loading" | "unavailable">("loading");
  const freshLeftMs = Date.parse(facts.stepUpFreshUntil) - now;
  // Read when the panel opens (and again each time), so a closed inspector costs no query.
  async function loadTimeline(open: boolean) {
    if (!open) return;
    const answer = await fetch(`/session/timeline?tier=${tier}`, { cache: "no-store" }).catch(() => null);
    setTimeline(answer?.ok ? ((await answer.json()) as { timeline: TimelineEntry[] }).timeline : "unavailable");
  }
  return (
    <details className="inspector" onToggle={(e) => loadTimeline(e.currentTarget.open)}>
      <summary className="cursor-pointer py-1 font-semibold text-slate-800">Session inspector</summary>
      <dl className="facts mt-2">
        <dt>Session</dt>
        <dd>
          <code data-testid="inspector-fingerprint">{facts.fingerprint}</code> (SHA-256 prefix)
        </dd>
        <dt>Page tier</dt>
        <dd>{tier}</dd>
        <dt>Idle time left</dt>
        <dd data-testid="inspector-idle" suppressHydrationWarning>
          {duration(idleLeftMs)}
        </dd>
        <dt>Absolute time left</dt>
        <dd suppressHydrationWarning>{duration(absoluteLeftMs)}</dd>
        <dt>Password entered</dt>
        <dd>{timeFormat.format(Date.parse(facts.authenticatedAt))}</dd>
        <dt>Step-up</dt>
        <dd suppressHydrationWarning>
          {freshLeftMs > 0 ? `fresh for ${duration(freshLeftMs)}` : "needed for transfers"}
        </dd>
        <dt>Last new ID</dt>
        <dd>{typeof timeline === "string" ? timeline : lastRotation(timeline)}</dd>
      </dl>
      <h3 className="mt-3 mb-1 font-semibold">Timeline of this sign-in</h3>
      {typeof timeline === "string" && (
        <p>{timeline === "loading" ? "Loading…" : "The timeline could not be loaded."}</p>
      )}
      <ol className="mb-2 list-decimal pl-5">
        {(typeof timeline === "string" ? [] : timeline).map((e) => (
          <li key={`${e.at}-${e.type}-${e.fingerprint}`}>
            <time dateTime={e.at}>{timeFormat.format(Date.parse(e.at))}</time> {e.text} <code>{e.fingerprint}</code>
          </li>
        ))}
      </ol>
    </details>
  );
}

function lastRotation(timeline: TimelineEntry[]): string {
  const last = [...timeline].reverse().find((e) => e.type === "session_rotated");
  return last ? `${timeFormat.format(Date.parse(last.at))}: ${last.text}` : "none since sign-in";
}

function duration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  return hours > 0 ? `${hours} h ${minutes} min` : `${minutes} min ${String(seconds).padStart(2, "0")} s`;
}
