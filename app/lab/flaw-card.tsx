import type { ReactNode } from "react";
import { DEMOS } from "@/lib/lab/demos";
import type { FlawName } from "@/lib/lab/flaw-names";
import { FLAWS } from "@/lib/lab/flaws";
import type { SourceExcerpt } from "@/lib/lab/source";
import { FlawSwitch } from "./flaw-switch";

type Addresses = { bank: string; attacker: string | null };

/** One flaw, for its own page: its switch, the finding and its seed, the demo, and the code of its defense. */
export function FlawCard({
  name,
  on,
  sources,
  addresses,
}: {
  name: FlawName;
  on: boolean;
  sources: SourceExcerpt[];
  addresses: Addresses;
}) {
  const flaw = FLAWS[name];
  const demo = DEMOS[name];
  const fill = placeholders(addresses);
  return (
    <article className="card grid gap-3" id={name} aria-labelledby={`${name}-title`}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h3 id={`${name}-title`} className="text-lg font-semibold">
          <code>{name}</code>
        </h3>
        <FlawSwitch name={name} on={on} labelledBy={`${name}-title`} />
      </div>
      <p>{flaw.finding}.</p>
      <p className="text-slate-600">Switches off: {flaw.defense}.</p>
      <figure>
        <blockquote className="border-l-4 border-slate-200 pl-3 italic">{flaw.seed.quote}</blockquote>
        <figcaption className="mt-1 text-sm text-slate-600">
          {flaw.seed.document.title}, “{flaw.seed.section}”
        </figcaption>
      </figure>
      <p>
        <strong>Expected:</strong> {demo.expected}
      </p>
      <details open>
        <summary className="cursor-pointer font-semibold text-slate-800">Demo</summary>
        <ol className="mt-2 list-decimal space-y-1 pl-5">
          {demo.steps.map((step) => (
            <li key={step}>{fill(step)}</li>
          ))}
        </ol>
        <p className="mt-2 text-sm text-slate-600">
          Attack:{" "}
          {flaw.attacks.map((spec) => (
            <code key={spec}>{spec} </code>
          ))}
          — the proof: <code>{flaw.spec}</code> “{flaw.test}”.
        </p>
      </details>
      <details open>
        <summary className="cursor-pointer font-semibold text-slate-800">View source</summary>
        {sources.length === 0 && (
          <p>
            No <code>LAB FLAW {name}</code> marker found in the sources.
          </p>
        )}
        {sources.map((source) => (
          <figure key={`${source.file}:${source.line}`} className="mt-2">
            <figcaption className="text-sm">
              <code>
                {source.file}:{source.line}
              </code>
            </figcaption>
            <pre
              tabIndex={0}
              aria-label={`${source.file}, line ${source.line}`}
              className="mt-1 overflow-x-auto rounded-lg bg-slate-900 p-3 text-[0.8rem] text-slate-200"
            >
              <code>
                {source.lines.map((line) => (
                  <Line key={line.number} marker={line.marker}>
                    {String(line.number).padStart(4)} {line.text}
                  </Line>
                ))}
              </code>
            </pre>
          </figure>
        ))}
      </details>
    </article>
  );
}

/**
 * A line of source, a block of its own (a newline inside an inline highlight once pushed the
 * next line out of view); the defense's own line (its LAB FLAW marker) highlighted.
 */
function Line({ marker, children }: { marker: boolean; children: ReactNode }) {
  if (!marker) return <span className="block">{children}</span>;
  return <mark className="block bg-red-900 text-white">{children}</mark>;
}

function placeholders({ bank, attacker }: Addresses): (text: string) => string {
  const attackerUrl = attacker ?? "(the attacker's site: start the lab with npm run lab)";
  const attackerPort = attacker ? new URL(attacker).port : "4000";
  return (text) =>
    text.replaceAll("{bank}", bank).replaceAll("{attacker}", attackerUrl).replaceAll("{attackerPort}", attackerPort);
}
