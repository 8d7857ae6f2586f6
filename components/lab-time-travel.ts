"use client";

// Lab mode only: the victim's window follows the console's time travel at once. A signed-in page
// of a lab watches when the clocks last moved (app/session/time-travel, which touches no
// session); after a move it asks for its deadlines again through the timeout warning's own poll,
// which never extends the session, so the warning opens or the tab signs out in front of the room.
import { useEffect } from "react";
import type { SessionStatus } from "@/lib/session/status";

// Quick enough that the room sees the victim's window react as the trainer clicks.
const WATCH_INTERVAL_MS = 2000;

export function useLabTimeTravel(
  status: SessionStatus,
  adoptServerStatus: (answer: Response, body: unknown) => void,
): void {
  useEffect(() => {
    if (!status.lab) return;
    let known = status.lab.timeTravel;
    const timer = setInterval(async () => {
      const moved = await fetch("/session/time-travel", { cache: "no-store" }).catch(() => null);
      if (!moved?.ok) return;
      const { at } = (await moved.json()) as { at: string | null };
      if (at === known) return;
      known = at;
      const answer = await fetch(`/session/status?tier=${status.tier}`, { cache: "no-store" });
      adoptServerStatus(answer, await answer.json());
    }, WATCH_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [status, adoptServerStatus]);
}
