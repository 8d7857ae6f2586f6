import { BankLink } from "@/components/bank-link";
import { SessionChrome } from "@/components/session-chrome";
import { describeDevice } from "@/lib/session/device";
import { describeEvent } from "@/lib/session/event-words";
import { listUserEvents } from "@/lib/session/events";
import { requireSession } from "@/lib/session/guard";

const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "medium" });

export default async function SecurityPage() {
  const session = await requireSession("high");
  const events = await listUserEvents(session.userId);
  return (
    <>
      <SessionChrome session={session} />
      <h1>Security</h1>
      <ul className="links">
        <li>
          <BankLink href="/security/password">Change password</BankLink>
        </li>
        <li>
          <BankLink href="/security/sessions">Your sessions</BankLink>
        </li>
      </ul>
      <h2>Recent security events</h2>
      {events.length === 0 ? (
        <p>No events yet.</p>
      ) : (
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
                <td>{dateFormat.format(e.createdAt)}</td>
                <td>{describeEvent(e.type, e.detail)}</td>
                <td>
                  <code>{e.sessionFingerprint ?? "—"}</code>
                </td>
                <td>{e.ip ?? "—"}</td>
                <td>{e.userAgent ? describeDevice(e.userAgent, "web") : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
