"use client";

// The timeout warning on every signed-in page. It mirrors the server's idle deadline for this
// page's tier, opens an accessible dialog before it, and signs out at zero. Tabs share activity
// and sign-out. Its status poll never extends the session; only "Stay signed in" does.
import { useCallback, useEffect, useRef, useState } from "react";
import type { InspectorFacts, SessionStatus } from "@/lib/session/status";
import { announce, listen, type SessionMessage } from "./session-channel";
import { SessionInspector } from "./session-inspector";
// LAB ONLY
import { LabLeakButton } from "./lab-leak-button";
import { useLabTimeTravel } from "./lab-time-travel";
// END LAB ONLY

const TICK_MS = 1000;

/** This page (path and query), for signing in again to return to, as the guard names a refused visit's page. */
function currentPath(): string {
  return window.location.pathname + window.location.search;
}

/** The sign-in page that says why the session ended and leads back here. */
function signInAgainAddress(reason: string, tier: string): string {
  return `/signin?${new URLSearchParams({ reason, tier, next: currentPath() })}`;
}

export function SessionWatch({ status, facts }: { status: SessionStatus; facts: InspectorFacts }) {
  const limitMs = status.idleLimitSeconds * 1000;
  const leadMs = status.warningLeadSeconds * 1000;
  const [lastActivity, setLastActivity] = useState(() => Date.now() - status.idleElapsedMs);
  const [absoluteDeadline] = useState(() => Date.now() + status.absoluteRemainingMs);
  const [now, setNow] = useState(() => Date.now());
  const idleLeft = lastActivity + limitMs - now;
  const warning = idleLeft <= leadMs;
  const signOutForm = useRef<HTMLFormElement>(null);
  const returnTo = useRef<HTMLInputElement>(null);

  const signOutIdle = useCallback(() => {
    announce({ type: "signed-out", reason: "idle" });
    // Read now, not at render: the server renders this component too, without a window.
    if (returnTo.current) returnTo.current.value = currentPath();
    signOutForm.current?.requestSubmit();
  }, []);

  const adoptServerStatus = useCallback(
    (answer: Response, body: unknown) => {
      if (answer.status === 401) {
        window.location.assign(signInAgainAddress((body as { reason?: string }).reason ?? "ended", status.tier));
        return;
      }
      // Anything else (a 503 while the database is away) says nothing about the session: the
      // countdown goes on, and at zero the tab still signs out.
      if (!answer.ok) return;
      const latest = Date.now() - (body as SessionStatus).idleElapsedMs;
      setLastActivity(latest);
      announce({ type: "activity", lastActivity: latest });
    },
    [status.tier],
  );

  // Each server render mounts a fresh watch (SessionChrome keys it): tell the other tabs.
  useEffect(() => {
    announce({ type: "activity", lastActivity: Date.now() - status.idleElapsedMs });
  }, [status]);

  useEffect(() => {
    const unsubscribe = listen((message: SessionMessage) => {
      if (message.type === "activity") setLastActivity((current) => Math.max(current, message.lastActivity));
      else window.location.assign(signInAgainAddress(message.reason, status.tier));
    });
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => {
      unsubscribe();
      clearInterval(timer);
    };
  }, [status.tier]);

  // LAB ONLY
  useLabTimeTravel(status, adoptServerStatus);
  // END LAB ONLY

  // When the warning is due, ask the server (without extending anything) whether it still is.
  useEffect(() => {
    if (!warning) return;
    let cancelled = false;
    fetch(`/session/status?tier=${status.tier}`, { cache: "no-store" }).then(
      async (answer) => {
        if (!cancelled) adoptServerStatus(answer, await answer.json());
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [warning, status.tier, adoptServerStatus]);

  useEffect(() => {
    if (idleLeft <= 0) signOutIdle();
  }, [idleLeft, signOutIdle]);

  async function staySignedIn() {
    const answer = await fetch(`/session/keep-alive?tier=${status.tier}`, { method: "POST", cache: "no-store" });
    adoptServerStatus(answer, await answer.json());
  }

  return (
    <>
      <form ref={signOutForm} method="post" action="/signout" hidden>
        <input type="hidden" name="reason" value="idle" />
        <input type="hidden" name="tier" value={status.tier} />
        <input ref={returnTo} type="hidden" name="next" defaultValue="" />
      </form>
      {warning && idleLeft > 0 && (
        <TimeoutDialog
          secondsLeft={Math.ceil(idleLeft / 1000)}
          onStay={staySignedIn}
          onSignOut={() => signOutForm.current?.requestSubmit()}
        />
      )}
      <SessionInspector
        facts={facts}
        tier={status.tier}
        idleLeftMs={idleLeft}
        absoluteLeftMs={absoluteDeadline - now}
        now={now}
      />
      {/* LAB ONLY */}
      {status.lab && <LabLeakButton />}
      {/* END LAB ONLY */}
    </>
  );
}

function TimeoutDialog({
  secondsLeft,
  onStay,
  onSignOut,
}: {
  secondsLeft: number;
  onStay: () => void;
  onSignOut: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    // showModal moves focus into the dialog and keeps keyboard focus there.
    if (!dialog.current?.open) dialog.current?.showModal();
  }, []);
  const clock = `${Math.floor(secondsLeft / 60)}:${String(secondsLeft % 60).padStart(2, "0")}`;
  return (
    <dialog
      ref={dialog}
      className="m-auto w-[calc(100%-2rem)] max-w-md rounded-2xl border border-slate-200 bg-white p-6 text-slate-900 shadow-xl backdrop:bg-slate-900/50"
      aria-labelledby="timeout-title"
      onCancel={(e) => {
        e.preventDefault();
        onStay();
      }}
    >
      <h2 id="timeout-title" className="text-xl">
        Are you still there?
      </h2>
      <p className="mt-2 text-slate-700">
        For your security you will be signed out in{" "}
        <span role="timer" aria-live="off" className="font-semibold text-slate-900 tabular-nums">
          {clock}
        </span>
        .
      </p>
      {/* Announced politely and only at a few milestones, not every second. */}
      <p className="sr-only" aria-live="polite">
        {spokenCountdown(secondsLeft)}
      </p>
      <div className="mt-6 flex flex-wrap gap-3">
        <button type="button" className="btn" onClick={onStay} autoFocus>
          Stay signed in
        </button>
        <button type="button" className="btn btn-secondary" onClick={onSignOut}>
          Sign out
        </button>
      </div>
    </dialog>
  );
}

/**
 * Changes only at a few milestones, so a screen reader hears it a handful of times, not every
 * second; "within" keeps it true of the clock shown at every second in between (1:29 is within
 * 2 minutes, where "in 2 minutes" was not).
 */
function spokenCountdown(secondsLeft: number): string {
  if (secondsLeft > 60) return `You will be signed out within ${Math.ceil(secondsLeft / 60)} minutes.`;
  if (secondsLeft > 30) return "You will be signed out within a minute.";
  if (secondsLeft > 10) return "You will be signed out within 30 seconds.";
  return "You will be signed out within 10 seconds.";
}
