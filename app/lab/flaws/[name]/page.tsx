import Link from "next/link";
import { notFound } from "next/navigation";
import { appOrigin } from "@/lib/env";
import { FLAW_NAMES, isFlawName } from "@/lib/lab/flaw-names";
import { BURSTS, isBurstFlaw } from "@/lib/lab/bursts";
import { activeFlaws } from "@/lib/lab/flaws";
import { hasLabKey } from "@/lib/lab/guard";
import { attackerSiteUrl, readInbox } from "@/lib/lab/inbox";
import { scoreBoard } from "@/lib/lab/outcomes";
import { flawSources } from "@/lib/lab/source";
import { AttackerInbox } from "../../attacker-inbox";
import { BurstButton } from "../../burst-button";
import { FlawCard } from "../../flaw-card";
import { LabKeyPrompt } from "../../key-prompt";
import { LastOutcome, LatestAttack, OutcomeCount } from "../../live-scores";

/** One flaw at a time, as a class follows it: the demo, the live outcome, the code, the inbox. */
export default async function FlawPage({ params }: { params: Promise<{ name: string }> }) {
  const unlocked = await hasLabKey();
  // Without the key: only the prompt for it, as on the console.
  if (!unlocked) return <LabKeyPrompt refused={false} />;
  const { name } = await params;
  if (!isFlawName(name)) notFound();
  const [sources, inbox, scores] = await Promise.all([flawSources(), readInbox(), scoreBoard()]);
  const index = FLAW_NAMES.indexOf(name);
  const previous = FLAW_NAMES[index - 1];
  const next = FLAW_NAMES[index + 1];

  return (
    <main className="mx-auto flex w-full max-w-5xl flex-col gap-6 px-4 py-6 sm:px-6 sm:py-8">
      <nav aria-label="Flaws" className="flex flex-wrap justify-between gap-2 text-sm">
        <Link href="/lab">← Lab console</Link>
        <span className="flex gap-4">
          {previous && <Link href={`/lab/flaws/${previous}`}>Previous: {previous}</Link>}
          {next && <Link href={`/lab/flaws/${next}`}>Next: {next}</Link>}
        </span>
      </nav>
      <h1>
        Lab: <code>{name}</code>
      </h1>
      <section aria-labelledby="outcome-heading" className="card grid gap-3">
        <h2 id="outcome-heading">Last attack</h2>
        <LatestAttack initial={scores} only={name} />
        <p>
          <LastOutcome initial={scores} flaw={name} /> · Exploited:{" "}
          <OutcomeCount initial={scores} flaw={name} outcome="exploited" /> · Blocked:{" "}
          <OutcomeCount initial={scores} flaw={name} outcome="blocked" />
        </p>
      </section>
      {isBurstFlaw(name) && <BurstButton flaw={name} label={BURSTS[name].button} />}
      <FlawCard
        name={name}
        on={activeFlaws().includes(name)}
        sources={sources.get(name) ?? []}
        addresses={{ bank: appOrigin(), attacker: attackerSiteUrl() }}
      />
      <section aria-labelledby="inbox-heading" className="card grid gap-3">
        <h2 id="inbox-heading">Attacker&apos;s inbox</h2>
        <AttackerInbox initial={inbox} />
      </section>
    </main>
  );
}
