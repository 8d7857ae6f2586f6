// The JSON API's guard, the counterpart of guard.ts for pages: the token travels only in the
// `Authorization: Bearer` header (RFC 6750), never in a URL and never in a cookie. This is the
// only code that reads that header; validity and expiry are decided by validate.ts, exactly as
// for the web, so the same policy and the same lab flaws apply to both clients.
import "server-only";
import { endSessionByToken } from "./lifecycle";
import type { Tier } from "./policy";
import { requestInfo } from "./request";
import { isWellFormedToken } from "./tokens";
import { validateSessionToken, type Validation } from "./validate";

// Query parameters clients and libraries commonly use for tokens (RFC 6750 §2.3 names
// access_token and advises against it: URLs end up in logs, history and Referer headers).
const TOKEN_QUERY_PARAMS = ["access_token", "token", "bearer", "session", "session_token", "sid", "auth"];

const BEARER_HEADER = /^Bearer +(\S+)$/i;

/** The token from `Authorization: Bearer <token>`, or undefined. Cookies are never read. */
function readBearerToken(request: Request): string | undefined {
  return BEARER_HEADER.exec(request.headers.get("authorization")?.trim() ?? "")?.[1];
}

/**
 * True when the URL carries a token: a parameter named like one, or any value shaped like one.
 * Such a request is refused outright (and the value never echoed), so a client that puts its
 * token in a URL finds out at once instead of leaking it into logs for months.
 */
export function tokenInUrl(request: Request): boolean {
  for (const [name, value] of new URL(request.url).searchParams) {
    if (TOKEN_QUERY_PARAMS.includes(name.toLowerCase()) || isWellFormedToken(value)) return true;
  }
  return false;
}

/**
 * The API request's session for an endpoint of this tier. `activity: false` (the status read)
 * validates without counting as activity, so polling the deadlines never extends them.
 */
export async function sessionForApi(request: Request, tier: Tier, options: { activity: boolean }): Promise<Validation> {
  return validateSessionToken(readBearerToken(request), tier, {
    now: new Date(),
    background: !options.activity,
    request: await requestInfo(),
    client: "api",
  });
}

/** DELETE /api/v1/sessions/current: ends the presented session on the server. */
export async function endApiSession(request: Request): Promise<void> {
  const token = readBearerToken(request);
  if (token) await endSessionByToken(token, "signed_out");
}
