// The client's address, decided once: the per-address sign-in limit counts by it, and sessions
// and security events record it (next to the user agent, capped here too). Also owns believing
// server.mjs's socket-address header. Pure (no I/O), so every case is a row in its unit test.
//
// Inputs: the peer address (whoever opened the TCP connection: the client itself, or the nearest
// proxy), the X-Forwarded-For header, and how many proxies the deployer says are in front
// (TRUSTED_PROXY_COUNT, none by default). A proxy *appends* the address it saw, so the entries
// on the right were written by our proxies and anything to their left came from the client,
// who can write whatever they like there.
import { timingSafeEqual } from "node:crypto";
import { isIP } from "node:net";

// Written by server.mjs on every request, overwriting any a client sent (see its header comment).
export const PEER_ADDRESS_HEADER = "x-vaultline-peer-address";
export const PEER_KEY_HEADER = "x-vaultline-peer-key";

/** Longest user agent stored: enough to name a browser, too short to fill a table. */
export const MAX_USER_AGENT_LENGTH = 512;

/**
 * Longest text worth parsing: a bracketed IPv6 address with a port is at most 53 characters
 * ("[…]:65535"); this leaves room for a short zone. Anything longer is not an address, and is
 * dropped before any work is done on it.
 */
const MAX_ENTRY_LENGTH = 64;

const BRACKETED_IPV6 = /^\[([^\]]+)\](?::\d{1,5})?$/;
const IPV4_WITH_PORT = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/;
const IPV4_MAPPED = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/;

/**
 * One address in one canonical spelling, or null: IPv4 dotted decimal; IPv6 lowercase and
 * compressed; an IPv4-mapped IPv6 address (how a dual-stack socket reports an IPv4 client) as
 * IPv4. Ports and brackets are dropped, and so is an IPv6 zone ("%eth0"), which names an
 * interface of the sender and could otherwise carry any text. The result is never longer
 * than an IPv6 address (39 characters).
 */
export function normaliseAddress(raw: string | null | undefined): string | null {
  const text = raw?.trim() ?? "";
  if (text.length === 0 || text.length > MAX_ENTRY_LENGTH) return null;
  const host = (BRACKETED_IPV6.exec(text)?.[1] ?? IPV4_WITH_PORT.exec(text)?.[1] ?? text).split("%")[0] ?? "";
  const version = isIP(host);
  if (version === 4) return host;
  if (version !== 6) return null;
  // The URL parser writes IPv6 in its canonical form (RFC 5952): one spelling per address.
  const canonical = new URL(`http://[${host}]/`).hostname.slice(1, -1);
  const mapped = IPV4_MAPPED.exec(canonical);
  return mapped ? ipv4FromHexGroups(mapped[1]!, mapped[2]!) : canonical;
}

function ipv4FromHexGroups(high: string, low: string): string {
  const [a, b] = [parseInt(high, 16), parseInt(low, 16)];
  return [a >> 8, a & 0xff, b >> 8, b & 0xff].join(".");
}

export type AddressSources = {
  /** The socket's remote address, as the server saw it (null when unknown). */
  peer: string | null;
  /** The X-Forwarded-For header as received (duplicates joined with commas). */
  forwardedFor: string | null;
  /** How many proxies in front of the app append to X-Forwarded-For (0: none, the default). */
  trustedProxies: number;
};

/**
 * The client's address, or null when it cannot be known.
 *
 * - No trusted proxy: the peer is the client. X-Forwarded-For is ignored entirely: on a
 *   directly exposed server only the client could have written it.
 * - N trusted proxies, at least N entries: the N-th entry from the right, i.e. the address the
 *   outermost trusted proxy saw (with one proxy, the last entry). Entries further left were
 *   sent by the client and are ignored.
 * - Fewer entries than N: the request did not pass through as many proxies as configured, so
 *   only the rightmost entry, which the nearest proxy (our peer) wrote, is known not to come
 *   from the client; anything left of it may. That entry is the best address we can trust.
 * - No entry at all, or the chosen entry is not an address: the peer's address. It may be a
 *   proxy's, shared by many clients, but nobody outside can forge it.
 */
export function clientAddress({ peer, forwardedFor, trustedProxies }: AddressSources): string | null {
  if (trustedProxies === 0) return normaliseAddress(peer);
  const entries = forwardedFor ? forwardedFor.split(",") : [];
  const chosen = entries.length >= trustedProxies ? entries[entries.length - trustedProxies] : entries.at(-1);
  return normaliseAddress(chosen) ?? normaliseAddress(peer);
}

/**
 * The socket's remote address as server.mjs stamped it on the request, or null unless the
 * request carries server.mjs's per-process key (`expectedKey`, VAULTLINE_PEER_KEY): a process
 * not started by server.mjs passes the header through from the client.
 */
export function stampedPeerAddress(headers: Pick<Headers, "get">, expectedKey: string | undefined): string | null {
  const expected = Buffer.from(expectedKey ?? "");
  const presented = Buffer.from(headers.get(PEER_KEY_HEADER) ?? "");
  const genuine = expected.length > 0 && presented.length === expected.length && timingSafeEqual(presented, expected);
  return genuine ? headers.get(PEER_ADDRESS_HEADER) : null;
}
