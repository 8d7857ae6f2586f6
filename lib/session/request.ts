// Who is asking: the IP and user agent recorded with sessions and security events, the address
// the per-address sign-in limit counts by, and the request's ID that its log lines carry.
import "server-only";
import { headers } from "next/headers";
import { serverEnv } from "@/lib/env";
import { flawOn } from "@/lib/lab/flaws";
import { requestIdOf } from "@/lib/log";
import { clientAddress, MAX_USER_AGENT_LENGTH, normaliseAddress, stampedPeerAddress } from "./client-address";

export type RequestInfo = { ip: string | null; userAgent: string | null; requestId: string | null };

/** The path and query of the page asked for, set by proxy.ts (over anything a client sent). */
export const REQUEST_PATH_HEADER = "x-vaultline-path";

export async function requestInfo(): Promise<RequestInfo> {
  return requestInfoOf(await headers());
}

/** The same, from a request's headers where next/headers does not reach (proxy.ts). */
export function requestInfoOf(h: Pick<Headers, "get">): RequestInfo {
  // The whole defense against a forged address: X-Forwarded-For counts only as far as the
  // deployer said proxies append to it, and the rest comes from the socket.
  const peer = stampedPeerAddress(h, serverEnv().VAULTLINE_PEER_KEY);
  const forwardedFor = h.get("x-forwarded-for");
  // LAB FLAW spoofable-ip: the first X-Forwarded-For entry, which the client wrote, is believed.
  const ip = flawOn("spoofable-ip")
    ? (normaliseAddress(forwardedFor?.split(",")[0]) ?? peer)
    : clientAddress({ peer, forwardedFor, trustedProxies: serverEnv().TRUSTED_PROXY_COUNT });
  const userAgent = h.get("user-agent")?.slice(0, MAX_USER_AGENT_LENGTH) ?? null;
  return { ip, userAgent, requestId: requestIdOf(h) };
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

/** The page asked for (path and query), for sign-in to return to; null when proxy.ts did not say. */
export async function requestedPath(): Promise<string | null> {
  return (await headers()).get(REQUEST_PATH_HEADER);
}
