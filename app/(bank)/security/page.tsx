import { BankLink } from "@/components/bank-link";
import { BankPage } from "@/components/bank-page";
import { describeDevice } from "@/lib/session/device";
import { describeEvent } from "@/lib/session/event-words";
import { listUserEvents } from "@/lib/session/events";
import { requireSession } from "@/lib/session/guard";

const CARD_LINK = "card grid gap-1 no-underline transition hover:border-brand-600 hover:shadow-md";

const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "medium" });

export default async function SecurityPage() {
  const session = await requireSession("high");
  const events = await listUserEvents(session.userId);
  return (
    <BankPage session={session}>
      <h1>Security</h1>
      <ul className="grid gap-4 sm:grid-cols-2">
        <li>
          <BankLink href="/security/password" className={CARD_LINK}>
            <span className="font-semibold text-brand-800">Change password</span>
            <span className="text-sm text-slate-600">Signs out every other device and app.</span>
          </BankLink>
        </li>
        <li>
          <BankLink href="/security/sessions" className={CARD_LINK}>
            <span className="font-semibold text-brand-800">Your sessions</span>
            <span className="text-sm text-slate-600">Every device signed in; end any of them.</span>
          </BankLink>
        </li>
      </ul>
      <section aria-labelledby="events-heading">
        <h2 id="events-heading" className="mb-3">
          Recent security events
        </h2>
        {events.length === 0 ? (
          <p className="text-slate-700">No events yet.</p>
        ) : (
          <div className="table-card">
            <table className="ledger" aria-label="Recent security events">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Event</th>
                  <th scope="col">Session</th>
                  <th scope="col">IP address</th>
                  <th scope="col">Device</th>
                </tr>
              </thead>
              <tbody>
                {events.map((e) => (
                  <tr key={e.id}>
                    <td data-label="When">{dateFormat.format(e.createdAt)}</td>
                    <td data-label="Event">{describeEvent(e.type, e.detail)}</td>
                    <td data-label="Session">
                      <code>{e.sessionFingerprint ?? "—"}</code>
                    </td>
                    <td data-label="IP address">{e.ip ?? "—"}</td>
                    <td data-label="Device">{e.userAgent ? describeDevice(e.userAgent, "web") : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </BankPage>
  );
}
