// Which browser a session was issued to, for the score board's "used from another client". Beside
// every session cookie the lab sets one of its own, HttpOnly whatever the flaws (a script that
// reads the session cannot copy it), naming that session by its fingerprint. A web session
// presented without it comes from another client: a guessed ID, a value read from the sessions
// table, a copy. The copies the lab hands over itself ("Leak this session to Mallory") are set
// apart: they stand for malware on the device, not for a flaw.
import "server-only";
import { cookies } from "next/headers";
import type { SessionWithUser } from "@/lib/session/store";
import { fingerprint, hashToken } from "@/lib/session/tokens";
import { labMode } from "./flaws";

export const ISSUED_TO_COOKIE = "vaultline-lab-issued-to";

// The leaked sessions' token hashes, in this process (a lab is one server; on globalThis, as
// routes and pages are bundled apart).
const leaked: Set<string> = ((
  globalThis as typeof globalThis & { vaultlineLabLeaked?: Set<string> }
).vaultlineLabLeaked ??= new Set());

/** The mark's value for the browser `token` is issued to: the session's fingerprint, nothing secret. */
export function issuedToMark(token: string): string {
  return fingerprint(hashToken(token));
}

/** The lab handed `token` to the attacker: its uses elsewhere are no flaw's doing. */
export function noteLeaked(token: string): void {
  if (labMode()) leaked.add(hashToken(token));
}

/** A web session presented by a browser it was not issued to (nor leaked from by the lab). */
export async function fromAnotherClient(session: SessionWithUser): Promise<boolean> {
  if (session.clientType !== "web" || leaked.has(session.tokenHash)) return false;
  return (await cookies()).get(ISSUED_TO_COOKIE)?.value !== fingerprint(session.tokenHash);
}
