"use client";

import { useEffect, useState } from "react";
import { CAPTURE_KINDS } from "@/lib/lab/captures";
import type { Inbox } from "@/lib/lab/inbox";

// Often enough that a capture shows while the room still looks at the victim's window.
const POLL_INTERVAL_MS = 1500;

const timeFormat = new Intl.DateTimeFormat("en-US", { timeStyle: "medium" });

/** What the attacker's site captured, newest first, polled from /lab/inbox. */
export function AttackerInbox({ initial }: { initial: Inbox }) {
  const [inbox, setInbox] = useState(initial);
  useEffect(() => {
    const poll = async () => {
      const response = await fetch("/lab/inbox", { cache: "no-store" }).catch(() => null);
      if (response?.ok) setInbox((await response.json()) as Inbox);
    };
    const timer = setInterval(poll, POLL_INTERVAL_MS);
    return () => clearInterval(timer);
  }, []);

  if (!inbox.attacker)
    return (
      <p>
        No attacker's site: start the lab with <code>npm run lab</code>, which starts one.
      </p>
    );
  return (
    <>
      <p>
        Captured by <a href={inbox.attacker}>{inbox.attacker}</a>
        {inbox.reachable ? "" : " — not reachable right now"}.
      </p>
      <ol className="grid gap-2" aria-label="Captures" aria-live="polite">
        {inbox.captures.length === 0 && <li className="text-slate-600">Nothing captured yet.</li>}
        {[...inbox.captures].reverse().map((capture) => (
          <li key={capture.id} className="rounded-lg border border-slate-200 px-3 py-2">
            <strong>{CAPTURE_KINDS[capture.kind]}</strong> at {capture.path}, {timeFormat.format(new Date(capture.at))}
            <dl className="facts mt-1 text-sm">
              {Object.entries(capture.data).map(([name, value]) => (
                <div key={name} className="contents">
                  <dt>{name}</dt>
                  <dd>
                    <code className="break-all">{value}</code>
                  </dd>
                </div>
              ))}
              {capture.referer && (
                <div className="contents">
                  <dt>Referer</dt>
                  <dd>
                    <code className="break-all">{capture.referer}</code>
                  </dd>
                </div>
              )}
            </dl>
          </li>
        ))}
      </ol>
    </>
  );
}
