// The score board's view of the flaws that hand a session's ID to whoever looks: weak-token
// (anyone can write anyone's ID), plaintext-tokens (the sessions table holds the IDs
// themselves) and token-in-logs (the sign-in line carries it). Exploited: a session whose ID such
// a flaw exposed is used from another browser (issued-to.ts). Blocked: what the attacker would
// use instead arrives and opens nothing: an ID written in the weak layout that names no session,
// a value read from the table (a hash) or from the logs (a fingerprint).
import "server-only";
import { db } from "@/lib/db";
import type { SessionWithUser } from "@/lib/session/store";
import { hashToken, weakLayout } from "@/lib/session/tokens";
import { flawOn, labMode } from "./flaws";
import { fromAnotherClient } from "./issued-to";
import { reportAttack } from "./outcomes";

const WORDS = {
  "weak-token": {
    exploited: "An ID written from the victim's email and the second of her sign-in opened her session.",
    blocked: "An ID written from an email and a second was tried, and named no session: IDs are 256 random bits.",
  },
  "plaintext-tokens": {
    exploited: "An ID read from the sessions table opened its session in another browser.",
    blocked:
      "A value read from the sessions table was tried as the cookie: the table holds hashes, which open nothing.",
  },
  "token-in-logs": {
    exploited: "An ID read from the server's log opened its session in another browser.",
    blocked:
      "A value read from the server's log was tried as the cookie: the log names sessions by a fingerprint, which opens nothing.",
  },
} as const;

// The token hashes of sessions whose ID a log line carried, in this process (a lab is one
// server; on globalThis, as routes and pages are bundled apart).
const logged: Set<string> = ((
  globalThis as typeof globalThis & { vaultlineLabLogged?: Set<string> }
).vaultlineLabLogged ??= new Set());

/** A log line carried this session's ID. */
export function noteLogged(tokenHash: string): void {
  if (labMode()) logged.add(tokenHash);
}

/** The flaw that put this ID where an attacker reads it, if one did. */
function exposedBy(token: string, session: SessionWithUser): keyof typeof WORDS | null {
  const stamp = weakParts(token)?.stamp;
  if (stamp !== undefined && weakLayout(stamp, session.user.email) === token) return "weak-token";
  if (session.tokenHash === token) return "plaintext-tokens";
  return logged.has(session.tokenHash) ? "token-in-logs" : null;
}

/** What an ID in the weak layout (tokens.ts weakLayout) says: a second, and an email's start. */
function weakParts(token: string): { stamp: number; emailStart: string } | null {
  const parts = /^(\d{10})\.(.+?)\.*$/s.exec(Buffer.from(token, "base64url").toString("latin1"));
  return parts ? { stamp: Number(parts[1]), emailStart: parts[2]! } : null;
}

/** A session was let through on `token`: exploited when a flaw exposed that ID and another browser used it. */
export async function reportExposedIdUsed(token: string, session: SessionWithUser): Promise<void> {
  const flaw = exposedBy(token, session);
  if (flaw && (await fromAnotherClient(session))) await reportAttack(flaw, "exploited", WORDS[flaw].exploited);
}

/** A presented cookie that may be a way in one of these defenses closed: a stored hash, a written ID. */
export async function reportClosedWayIn(token: string): Promise<void> {
  if (!labMode()) return;
  if (/^[0-9a-f]{64}$/.test(token) && (await db.session.count({ where: { tokenHash: token, endedAt: null } })))
    return reportAttack("plaintext-tokens", "blocked", WORDS["plaintext-tokens"].blocked);
  const live = { tokenHash: { startsWith: token }, endedAt: null };
  if (/^[0-9a-f]{8}$/.test(token) && (await db.session.count({ where: live })))
    return reportAttack("token-in-logs", "blocked", WORDS["token-in-logs"].blocked);
  const emailStart = weakParts(token)?.emailStart;
  if (!emailStart || flawOn("weak-token")) return;
  if (!(await db.user.count({ where: { email: { startsWith: emailStart } } }))) return;
  if (!(await db.session.count({ where: { tokenHash: hashToken(token) } })))
    await reportAttack("weak-token", "blocked", WORDS["weak-token"].blocked);
}
