import { FLAW_NAMES } from "@/lib/lab/flaw-names";
import { activeFlaws } from "@/lib/lab/flaws";
import { timeJumps } from "@/lib/lab/demo-data";
import { hasLabKey } from "@/lib/lab/guard";
import { attackerSiteUrl, readInbox } from "@/lib/lab/inbox";
import { scoreBoard } from "@/lib/lab/outcomes";
import { appOrigin } from "@/lib/env";
import { resetLab, switchAllFlaws, travelInTime } from "./actions";
import { AttackerInbox } from "./attacker-inbox";
import { LatestAttack } from "./live-scores";
import { ScoreBoard } from "./score-board";
import { LabKeyPrompt } from "./key-prompt";

const BUTTON_ROW = "flex flex-wrap gap-2";

const NOTICES: Record<string, string> = {
  reset: "Demo data restored: every session ended, the inbox and the score board emptied.",
  "reset-no-inbox":
    "Demo data restored, every session ended and the score board emptied; the attacker's site could not be reached to empty its inbox.",
  "warning-on-high-tier": "Every live session is now near its high-tier sign-out: a transfer page shows the warning.",
  "idle-past-high-tier": "Every live session is now idle past the high tier.",
  "stale-step-up": "Every live session's password entry is now past step-up freshness.",
  "past-absolute-lifetime": "Every live session is now past its absolute lifetime.",
};

/**
 * The trainer's console (lab mode only): the score board, an index of every flaw with its switch
 * (each flaw's demo and code are on its own page, /lab/flaws/<name>), the attacker's inbox, time travel.
 */
export default async function LabConsole({
  searchParams,
}: {
  searchParams: Promise<{ done?: string; refused?: string }>;
}) {
  const unlocked = await hasLabKey();
  const { done, refused } = await searchParams;
  // Without the key: only the prompt for it, not a switch, a capture or a line of the demos.
  if (!unlocked) return <LabKeyPrompt refused={refused === "key"} />;
  const [inbox, scores] = await Promise.all([readInbox(), scoreBoard()]);
  const off = activeFlaws();
  const addresses = { bank: appOrigin(), attacker: attackerSiteUrl() };
  const notice = done ? NOTICES[done] : undefined;

  return (
    <main className="mx-auto flex w-full max-w-5xl flex-col gap-6 px-4 py-6 sm:px-6 sm:py-8">
      <h1>Lab console</h1>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <p>
        The bank (the victim's window): <a href={addresses.bank}>{addresses.bank}</a>. The attacker's site:{" "}
        {addresses.attacker ? <a href={addresses.attacker}>{addresses.attacker}</a> : "not running"}. Use a private
        window as the attacker, so each has its own cookies. Switches take effect at once for every browser.
      </p>
      <p>
        <strong>
          {off.length} of {FLAW_NAMES.length}
        </strong>{" "}
        defenses switched off{off.length > 0 ? `: ${off.join(", ")}` : ""}.
      </p>
      <div className={BUTTON_ROW}>
        <form action={switchAllFlaws}>
          <input type="hidden" name="enabled" value="off" />
          <button type="submit" className="btn btn-secondary">
            Restore every defense
          </button>
        </form>
        <form action={switchAllFlaws}>
          <input type="hidden" name="enabled" value="on" />
          <button type="submit" className="btn btn-secondary">
            Switch every flaw on
          </button>
        </form>
        <form action={resetLab}>
          <button type="submit" className="btn">
            Reset demo data
          </button>
        </form>
      </div>

      <section aria-labelledby="scores-heading" className="card grid gap-3">
        <h2 id="scores-heading">Score board</h2>
        <p>Every flaw, its switch and what the last attack on it did. Open a flaw for its demo and its code.</p>
        <LatestAttack initial={scores} />
        <ScoreBoard scores={scores} off={off} />
      </section>

      <section aria-labelledby="inbox-heading" className="card grid gap-3">
        <h2 id="inbox-heading">Attacker&apos;s inbox</h2>
        <AttackerInbox initial={inbox} />
      </section>

      <section aria-labelledby="time-heading" className="card grid gap-3">
        <h2 id="time-heading">Time travel</h2>
        <p>For the demos that would wait out a timeout: every live session&apos;s clock, as if the time had passed.</p>
        <div className={BUTTON_ROW}>
          {Object.entries(timeJumps()).map(([jump, { label }]) => (
            <form action={travelInTime} key={jump}>
              <input type="hidden" name="jump" value={jump} />
              <button type="submit" className="btn btn-secondary">
                {label}
              </button>
            </form>
          ))}
        </div>
      </section>
    </main>
  );
}
