// The frame every /api/v1 route handler runs in, and where it states its protection:
// `apiRoute({ tier: "high", fresh: true }, async (request, session) => …)` checks the bearer token
// for that tier before the handler runs (401 otherwise), and with `fresh` a password entered in
// the last few minutes (403 step_up_required otherwise), so no endpoint can forget either;
// `activity: false` (the status read) validates without extending the session. `publicApiRoute`
// is for sign-in and the unknown-path 404. Either way a token in the URL is refused before anything else, and
// an unexpected failure becomes the stable JSON 500 (503 when the database went away meanwhile),
// never a stack trace.
import "server-only";
import { requestLog } from "@/lib/log";
import type { z } from "zod";
import { failedForOutage } from "@/lib/db-health";
import { sessionForApi, tokenInUrl } from "@/lib/session/bearer";
import type { Tier } from "@/lib/session/policy";
import { isFreshlyAuthenticated } from "@/lib/session/step-up";
import type { Validation } from "@/lib/session/validate";
import { apiError, BAD_REQUEST_HINTS, serviceUnavailable, sessionRefused } from "./errors";

type Handler<Context> = (request: Request, context: Context) => Promise<Response>;

export type ApiSession = Extract<Validation, { ok: true }>["session"];

type Protection = {
  tier: Tier;
  /**
   * Moves money or changes security: the password entered within the last few minutes (sign-in
   * or POST /api/v1/sessions/current/step-up), exactly as on the web.
   */
  fresh?: boolean;
  /** Whether a call counts as activity (default true); a status read must not extend the session. */
  activity?: boolean;
};

/** An endpoint for a signed-in client: the bearer token must be a live session for `tier`. */
export function apiRoute<Context>(
  protection: Protection,
  handler: (request: Request, session: ApiSession, context: Context) => Promise<Response>,
): Handler<Context> {
  return framed(async (request, context) => {
    const auth = await sessionForApi(request, protection.tier, { activity: protection.activity ?? true });
    if (!auth.ok) return sessionRefused(auth.reason);
    if (protection.fresh && !isFreshlyAuthenticated(auth.session)) return apiError("step_up_required");
    return handler(request, auth.session, context);
  });
}

/** An endpoint open without a session. */
export function publicApiRoute<Context>(handler: Handler<Context>): Handler<Context> {
  return framed(handler);
}

function framed<Context>(handler: Handler<Context>): Handler<Context> {
  return async (request, context) => {
    if (tokenInUrl(request)) return apiError("token_in_url");
    try {
      return await handler(request, context);
    } catch (error) {
      // The database went away while this ran (the proxy's check came before): not a bug.
      if (await failedForOutage(error)) return serviceUnavailable();
      // The name only: messages can quote what the client sent (JSON.parse quotes the body,
      // which may hold a password).
      const failure = error instanceof Error ? error.name : typeof error;
      (await requestLog()).error(
        { method: request.method, path: new URL(request.url).pathname, failure },
        "api request failed",
      );
      return apiError("internal");
    }
  };
}

export type Parsed<T> = { ok: true; data: T } | { ok: false; response: Response };

/** The JSON body, checked against its schema; malformed JSON or a wrong shape is a 400. */
export async function readJson<T>(
  request: Request,
  schema: z.ZodType<T>,
  hint: keyof typeof BAD_REQUEST_HINTS,
): Promise<Parsed<T>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return { ok: false, response: apiError("malformed_json") };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    // A rule with its own words for people (the memo's) says them; a wrong shape gets the hint.
    const explained = parsed.error.issues.find((issue) => issue.code === "custom");
    return { ok: false, response: apiError("bad_request", explained?.message ?? BAD_REQUEST_HINTS[hint]) };
  }
  return { ok: true, data: parsed.data };
}
