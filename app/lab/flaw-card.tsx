import { DEMOS } from "@/lib/lab/demos";
import type { FlawName } from "@/lib/lab/flaw-names";
import { FLAWS } from "@/lib/lab/flaws";
import type { SourceExcerpt } from "@/lib/lab/source";
import { switchFlaw } from "./actions";

type Addresses = { bank: string; attacker: string | null };

/** One flaw: its switch, the finding and its seed, the demo, and the code of its defense. */
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
    <article className="lab-flaw" id={name} aria-labelledby={`${name}-title`}>
      <div className="lab-flaw-head">
        <h3 id={`${name}-title`}>
          <code>{name}</code>
        </h3>
        <form action={switchFlaw}>
          <input type="hidden" name="flaw" value={name} />
          <input type="hidden" name="enabled" value={on ? "off" : "on"} />
          <button
            type="submit"
            role="switch"
            aria-checked={on}
            aria-labelledby={`${name}-title`}
            className={on ? "switch on" : "switch"}
          >
            {on ? "Flaw on" : "Defense on"}
          </button>
        </form>
      </div>
      <p>{flaw.finding}.</p>
      <p className="muted">Switches off: {flaw.defense}.</p>
      <figure className="seed">
        <blockquote>{flaw.seed.quote}</blockquote>
        <figcaption>
          {flaw.seed.document.title}, “{flaw.seed.section}”
        </figcaption>
      </figure>
      <p>
        <strong>Expected:</strong> {demo.expected}
      </p>
      <details>
        <summary>Demo</summary>
        <ol>
          {demo.steps.map((step) => (
            <li key={step}>{fill(step)}</li>
          ))}
        </ol>
        <p className="muted">
          Attack:{" "}
          {flaw.attacks.map((spec) => (
            <code key={spec}>{spec} </code>
          ))}
          — the proof: <code>{flaw.spec}</code> “{flaw.test}”.
        </p>
      </details>
      <details>
        <summary>View source</summary>
        {sources.length === 0 && (
          <p>
            No <code>LAB FLAW {name}</code> marker found in the sources.
          </p>
        )}
        {sources.map((source) => (
          <figure key={`${source.file}:${source.line}`} className="source">
            <figcaption>
              <code>
                {source.file}:{source.line}
              </code>
            </figcaption>
            <pre tabIndex={0} aria-label={`${source.file}, line ${source.line}`}>
              <code>
                {source.lines.map((line) => (
                  <span key={line.number} className={line.marker ? "marker" : undefined}>
                    {String(line.number).padStart(4)} {line.text}
                    {"\n"}
                  </span>
                ))}
              </code>
            </pre>
          </figure>
        ))}
      </details>
    </article>
  );
}

function placeholders({ bank, attacker }: Addresses): (text: string) => string {
  const attackerUrl = attacker ?? "(the attacker's site: start the lab with npm run lab)";
  const attackerPort = attacker ? new URL(attacker).port : "4000";
  return (text) =>
    text.replaceAll("{bank}", bank).replaceAll("{attacker}", attackerUrl).replaceAll("{attackerPort}", attackerPort);
}
