import type { CurrentSession } from "@/lib/session/guard";
import { inspectorFacts, sessionStatus } from "@/lib/session/status";
import { SessionWatch } from "./session-watch";
// LAB ONLY
import { lastTimeTravel } from "@/lib/lab/demo-data";
import { labMode } from "@/lib/lab/flaws";
// END LAB ONLY

/** The timeout warning and the session inspector for the page's session and tier. */
export async function SessionChrome({ session }: { session: CurrentSession }) {
  const renderedAt = new Date();
  const status = sessionStatus(session, session.tier, renderedAt);
  // LAB ONLY
  if (labMode()) status.lab = { timeTravel: await lastTimeTravel() };
  // END LAB ONLY
  // A new key per server render: the watch restarts from the server's latest deadlines.
  return <SessionWatch key={renderedAt.getTime()} status={status} facts={inspectorFacts(session)} />;
}
