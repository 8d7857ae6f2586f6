// Log lines about the request being answered. Each carries the request's ID, which server.mjs
// sets on every request over anything a client sent (so lines of one request can be joined, and
// a client cannot make its lines look like another request's), and the session it presented,
// named by the fingerprint of the token's hash as the security events name it: never the token.
import "server-only";
import { headers } from "next/headers";
import type { Logger } from "pino";
import { logger, REQUEST_ID_HEADER } from "./logger.mjs";

export { logger };

const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The ID server.mjs gave this request; null outside server.mjs, or if the header is not one. */
export function requestIdOf(h: Pick<Headers, "get">): string | null {
  const id = h.get(REQUEST_ID_HEADER);
  return id && REQUEST_ID.test(id) ? id : null;
}

/** A logger whose lines carry this request's ID and the fingerprint of the session it names. */
export async function requestLog(sessionFingerprint: string | null = null): Promise<Logger> {
  return logger.child({ requestId: requestIdOf(await headers()), session: sessionFingerprint });
}
