// The console's view of the attacker's site (LAB_ATTACKER_URL, set by `npm run lab`): what it
// captured, and emptying it at reset. The browser polls /lab/inbox, which asks here: the
// console's Content-Security-Policy lets a page talk to its own origin only.
import "server-only";
import { z } from "zod";
import { serverEnv } from "@/lib/env";
import { CAPTURE_KINDS, type Capture } from "./captures";

// The attacker's site is a local process: anything slower is a site that is not there.
const ATTACKER_TIMEOUT_MS = 2000;

// The attacker's site is a local process of the lab, but its answer is still checked before the
// console shows it.
const capturesAnswer = z.object({
  captures: z.array(
    z.object({
      id: z.number().int(),
      at: z.string(),
      kind: z.enum(Object.keys(CAPTURE_KINDS) as [Capture["kind"]]),
      path: z.string(),
      data: z.record(z.string(), z.string()),
      referer: z.string().nullable(),
    }),
  ),
}) satisfies z.ZodType<{ captures: Capture[] }>;

export type Inbox = { attacker: string | null; reachable: boolean; captures: Capture[] };

export function attackerSiteUrl(): string | null {
  return serverEnv().LAB_ATTACKER_URL ?? null;
}

export async function readInbox(): Promise<Inbox> {
  const attacker = attackerSiteUrl();
  if (!attacker) return { attacker, reachable: false, captures: [] };
  try {
    const response = await fetch(`${attacker}/captures`, {
      cache: "no-store",
      signal: AbortSignal.timeout(ATTACKER_TIMEOUT_MS),
    });
    const { captures } = capturesAnswer.parse(await response.json());
    return { attacker, reachable: true, captures };
  } catch {
    return { attacker, reachable: false, captures: [] };
  }
}

/** Empties the attacker's inbox; false when the site could not be reached. */
export async function clearInbox(): Promise<boolean> {
  const attacker = attackerSiteUrl();
  if (!attacker) return false;
  const response = await fetch(`${attacker}/captures`, {
    method: "DELETE",
    signal: AbortSignal.timeout(ATTACKER_TIMEOUT_MS),
  }).catch(() => null);
  return response?.ok ?? false;
}
