// The score board's view of no-rotation-on-step-up. Under the flaw a step-up keeps the session's
// ID, so the victim's browser and a thief's copy made before it hold the same session, fresh
// alike. To tell them apart the lab notes the sessions stepped up in place (their row IDs, in
// this process, as outcomes.ts keeps its survivors) and marks the browser that entered the
// password (an HttpOnly cookie naming the row, nothing secret); a copy used anywhere else lacks
// the mark. Web sessions only: an API client has no cookie jar to mark.
import "server-only";
import { cookies } from "next/headers";
import { db } from "@/lib/db";
import type { Tier } from "@/lib/session/policy";
import type { SessionWithUser } from "@/lib/session/store";
import { labMode } from "./flaws";
import { reportAttack } from "./outcomes";

const STEPPED_UP_HERE = "vaultline-lab-stepped-up";

const steppedUpInPlace: Set<string> = ((
  globalThis as typeof globalThis & { vaultlineLabSteppedUpInPlace?: Set<string> }
).vaultlineLabSteppedUpInPlace ??= new Set());

/** Under the flaw: this browser entered the password for `session`. */
export async function markSteppedUpHere(session: SessionWithUser): Promise<void> {
  if (!labMode() || session.clientType !== "web") return;
  steppedUpInPlace.add(session.id);
  (await cookies()).set(STEPPED_UP_HERE, session.id, { httpOnly: true, sameSite: "strict", path: "/" });
}

/** A sensitive action is about to go through on `session`'s fresh password entry, without asking. */
export async function reportBorrowedStepUp(session: SessionWithUser): Promise<void> {
  if (!labMode() || !steppedUpInPlace.has(session.id)) return;
  if ((await cookies()).get(STEPPED_UP_HERE)?.value === session.id) return;
  await reportAttack(
    "no-rotation-on-step-up",
    "exploited",
    "A browser that never entered the password acted on the step-up made in another: the ID copied before it kept working, fresh.",
  );
}

/**
 * A copied rotated-out ID was refused on a page of `tier`. On a high-tier page (where a step-up
 * counts) after the step-up that replaced it, the new ID is what kept the copy from moving money.
 */
export async function reportPreStepUpReplay(session: SessionWithUser, tier: Tier): Promise<void> {
  if (!labMode() || tier !== "high") return;
  const successor = await db.session.findFirst({
    where: { rotatedFromId: session.id },
    select: { rotatedReason: true },
  });
  if (successor?.rotatedReason !== "step_up") return;
  await reportAttack(
    "no-rotation-on-step-up",
    "blocked",
    "An ID copied before a step-up was used for a transfer or the admin panel after it: the step-up had replaced it, so it opened nothing.",
  );
}
