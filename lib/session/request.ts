// Who is asking: the IP and user agent recorded with sessions and security events.
import { headers } from "next/headers";

export type RequestInfo = { ip: string | null; userAgent: string | null };

const MAX_USER_AGENT_LENGTH = 512;

export async function requestInfo(): Promise<RequestInfo> {
  const h = await headers();
  // The first x-forwarded-for entry is the client as seen by the nearest proxy (next start sets it).
  const ip = h.get("x-forwarded-for")?.split(",")[0]?.trim() || null;
  const userAgent = h.get("user-agent")?.slice(0, MAX_USER_AGENT_LENGTH) ?? null;
  return { ip, userAgent };
}

/**
 * Speculative loads are not the user acting: they must not extend the session. Browsers mark
 * them with Sec-Purpose (or the older Purpose) "prefetch". Next.js's own router prefetch is
 * switched off for signed-in links (prefetch={false}), and the status poll says so itself.
 */
export async function isBackgroundRequest(): Promise<boolean> {
  const h = await headers();
  return /prefetch/i.test(h.get("sec-purpose") ?? h.get("purpose") ?? "");
}
