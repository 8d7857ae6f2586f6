// The class's score board. The code at a defense line reports each attack it meets: "exploited"
// when the flaw let it through, "blocked" when the defense stopped it, with a sentence saying
// what happened. The console shows the last outcome of every flaw and announces each new one
// (app/lab). Lab mode only: outside it nothing is read or written, and `npm run lab:strip`
// removes every report with the rest of the lab.
import "server-only";
import { db, type Db } from "@/lib/db";
import { FLAW_NAMES, isFlawName, type FlawName } from "./flaw-names";
import { activeFlaws, flawOn, judgedWith, labMode } from "./flaws";

export type Outcome = "exploited" | "blocked";

export type FlawScore = {
  flaw: FlawName;
  enabled: boolean;
  last: { outcome: Outcome; why: string; at: string } | null;
  exploited: number;
  blocked: number;
};

/** Records what an attack on `flaw` just did. */
export async function reportAttack(flaw: FlawName, outcome: Outcome, why: string): Promise<void> {
  if (!labMode()) return;
  const count = outcome === "exploited" ? "exploitedCount" : "blockedCount";
  await db.labFlaw.updateMany({
    where: { name: flaw },
    data: { lastOutcome: outcome, lastOutcomeWhy: why, lastOutcomeAt: new Date(), [count]: { increment: 1 } },
  });
}

/** An attempt reached the flaw's line: exploited when the flaw is on, blocked when it is off. */
export async function reportAttempt(flaw: FlawName, why: { exploited: string; blocked: string }): Promise<void> {
  if (!labMode()) return;
  const outcome = flawOn(flaw) ? "exploited" : "blocked";
  await reportAttack(flaw, outcome, why[outcome]);
}

/**
 * Which defense decided a request, asked of the decision that lets it through or not.
 * Let through: the first flaw of `candidates` that is on and whose defense alone would have
 * refused it (exploited). Refused: the first that is off and whose flaw alone would have let it
 * through (blocked). List the candidates from the most specific to the most general.
 */
export async function decidingFlaw<F extends FlawName>(
  candidates: readonly F[],
  allowed: boolean,
  decide: () => boolean | Promise<boolean>,
): Promise<F | undefined> {
  const on = activeFlaws();
  for (const flaw of candidates) {
    if (allowed && on.includes(flaw) && !(await judgedWith(without(on, flaw), decide))) return flaw;
    if (!allowed && !on.includes(flaw) && (await judgedWith([...on, flaw], decide))) return flaw;
  }
  return undefined;
}

function without(flaws: readonly FlawName[], flaw: FlawName): FlawName[] {
  return flaws.filter((f) => f !== flaw);
}

/** Every flaw's switch and score, in the catalogue's order. */
export async function scoreBoard(): Promise<FlawScore[]> {
  const rows = await db.labFlaw.findMany();
  return FLAW_NAMES.map((flaw) => {
    const row = rows.find((r) => r.name === flaw);
    const outcome = row?.lastOutcome;
    return {
      flaw,
      enabled: row?.enabled ?? false,
      last:
        row?.lastOutcomeAt && (outcome === "exploited" || outcome === "blocked")
          ? { outcome, why: row.lastOutcomeWhy ?? "", at: row.lastOutcomeAt.toISOString() }
          : null,
      exploited: row?.exploitedCount ?? 0,
      blocked: row?.blockedCount ?? 0,
    };
  });
}

/** The class's newest outcome, for the banner on every page; null before the first, or outside lab mode. */
export async function latestOutcome(): Promise<{ flaw: FlawName; outcome: Outcome; why: string } | null> {
  if (!labMode()) return null;
  const row = await db.labFlaw.findFirst({
    where: { lastOutcomeAt: { not: null } },
    orderBy: { lastOutcomeAt: "desc" },
  });
  const outcome = row?.lastOutcome;
  if (!row || !isFlawName(row.name) || (outcome !== "exploited" && outcome !== "blocked")) return null;
  return { flaw: row.name, outcome, why: row.lastOutcomeWhy ?? "" };
}

/** A new class: every flaw's score back to nothing tried. */
export async function clearScores(): Promise<void> {
  survivors.clear();
  await db.labFlaw.updateMany({
    data: { lastOutcome: null, lastOutcomeWhy: null, lastOutcomeAt: null, exploitedCount: 0, blockedCount: 0 },
  });
}

/**
 * A signed-in user named a record by its ID (`ownerOf` reads whose it is). When it is another
 * customer's, the attempt met the owner check: exploited under the idor flaw, blocked without.
 */
export async function reportForeignRecord(
  what: string,
  askedBy: string,
  ownerOf: () => Promise<string | null | undefined>,
): Promise<void> {
  if (!labMode()) return;
  const owner = await ownerOf();
  if (!owner || owner === askedBy) return;
  await reportAttempt("idor", {
    exploited: `Another customer's ${what} was handed over by its ID.`,
    blocked: `Another customer's ${what} was asked for by its ID and answered as not found.`,
  });
}

// The sign-in limits, the most specific first: a hard stop or a grown wait is the escalation's
// doing before it is the limit's.
const SIGN_IN_DEFENSES = ["no-lockout-escalation", "no-login-throttle"] as const;
const SIGN_IN_WORDS: Record<(typeof SIGN_IN_DEFENSES)[number], Record<Outcome, string>> = {
  "no-lockout-escalation": {
    exploited: "A password was checked for an account that should be waiting longer, or stopped for good.",
    blocked: "A guess was refused by the escalating wait or the hard stop.",
  },
  "no-login-throttle": {
    exploited: "A password was checked past the sign-in limit.",
    blocked: "A guess past the sign-in limit was refused without checking it.",
  },
};

/** A sign-in met the limits: `checks` says whether its password gets checked. */
export async function reportSignInLimits(
  decision: { kind: "go" | "wait" | "locked" },
  checks: () => Promise<boolean>,
): Promise<void> {
  if (!labMode()) return;
  const allowed = decision.kind === "go";
  const flaw = await decidingFlaw(SIGN_IN_DEFENSES, allowed, checks);
  const outcome = allowed ? "exploited" : "blocked";
  if (flaw) await reportAttack(flaw, outcome, SIGN_IN_WORDS[flaw][outcome]);
}

/** Sign-in is about to send the browser on: `leaves` says whether off the bank (asked again with a switch changed). */
export async function reportRedirect(leaves: () => boolean): Promise<void> {
  if (!labMode()) return;
  const left = leaves();
  const flaw = await decidingFlaw(["open-redirect"], left, leaves);
  if (flaw)
    await reportAttack(
      flaw,
      left ? "exploited" : "blocked",
      left
        ? "Sign-in sent the browser off the bank, to the site its link named."
        : "A sign-in link asked to go to another site afterwards, and went to a page of the bank instead.",
    );
}

/**
 * A sign-in attempt is counted against `counted`, the client's address; `askAgain` decides it
 * again with the spoofable-ip switch turned. When the two differ, an X-Forwarded-For entry the
 * client wrote itself is what one of them believed: an attempt to pass for someone else.
 */
export async function reportCountedAddress(
  counted: string | null,
  askAgain: () => Promise<string | null>,
): Promise<void> {
  if (!labMode()) return;
  const on = activeFlaws();
  const flawed = on.includes("spoofable-ip");
  const other = await judgedWith(flawed ? without(on, "spoofable-ip") : [...on, "spoofable-ip"], askAgain);
  if (other === counted) return;
  await reportAttempt("spoofable-ip", {
    exploited: `A sign-in attempt was counted against ${counted}, an address its own X-Forwarded-For made up, not ${other}.`,
    blocked: `A sign-in attempt claimed to come from ${other} in X-Forwarded-For, and was counted against ${counted}, where it came from.`,
  });
}

// A flaw that keeps alive what its defense ends (at sign-out, at a password change) leaves no
// trace of it on the server, so the lab keeps its own: the token hashes of those sessions and the
// flaw that kept each, in this process (a lab is one server; on globalThis, as routes and pages
// are bundled apart), to know when one of them is used afterwards.
export type Survival = "no-server-logout" | "no-revoke-on-password-change";
const survivors: Map<string, Survival> = ((
  globalThis as typeof globalThis & { vaultlineLabSurvivors?: Map<string, Survival> }
).vaultlineLabSurvivors ??= new Map());

/** The defense `flaw` switches off ends this session now (whether or not it then does). */
export function noteEnding(tokenHash: string, flaw: Survival): void {
  if (labMode()) survivors.set(tokenHash, flaw);
}

/** Under no-revoke-on-password-change: the user's other live sessions, which the change should end. */
export async function notePasswordChangeSurvivors(tx: Db, userId: string, exceptId: string): Promise<void> {
  if (!labMode()) return;
  const others = await tx.session.findMany({
    where: { userId, endedAt: null, id: { not: exceptId } },
    select: { tokenHash: true },
  });
  for (const { tokenHash } of others) noteEnding(tokenHash, "no-revoke-on-password-change");
}

/** The flaw that kept this session alive past its ending, if one did. */
export function survivalOf(tokenHash: string): Survival | undefined {
  return survivors.get(tokenHash);
}
