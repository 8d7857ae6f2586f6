import { BankPage } from "@/components/bank-page";
import { describeDevice } from "@/lib/session/device";
import { requireSession } from "@/lib/session/guard";
import { listLiveSessions } from "@/lib/session/store";
import { fingerprint } from "@/lib/session/tokens";
import { SessionsForm } from "./sessions-form";

// To the second: two sessions of one browser, begun a minute apart, still read differently.
const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "medium" });

export default async function SessionsPage({ searchParams }: { searchParams: Promise<{ ended?: string }> }) {
  const session = await requireSession("high");
  const { ended } = await searchParams;
  const sessions = (await listLiveSessions(session.userId, new Date())).map((s) => ({
    id: s.id,
    device: describeDevice(s.userAgent, s.clientType),
    // The same fingerprint the inspector shows for this device's own session.
    fingerprint: fingerprint(s.tokenHash),
    ip: s.ip ?? "unknown",
    started: dateFormat.format(s.createdAt),
    lastActive: dateFormat.format(s.lastSeenAt),
    current: s.id === session.id,
  }));
  return (
    <BankPage session={session}>
      <h1>Your sessions</h1>
      {ended !== undefined && (
        <p className="notice" role="status">
          {ended === "1" ? "1 session was ended." : `${Number(ended) || 0} sessions were ended.`}
        </p>
      )}
      <p className="text-slate-600">
        Every device and app signed in to your account. Ending a session signs it out on its very next request. The
        session column matches the one the session inspector shows on that device.
      </p>
      <SessionsForm sessions={sessions} />
    </BankPage>
  );
}
