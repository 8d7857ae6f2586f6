// The frame every /api/v1 route handler runs in: a token in the URL is refused before anything
// else, a body is read as JSON or refused with 400, and an unexpected failure becomes the
// stable JSON 500, never a stack trace.
import type { z } from "zod";
import { tokenInUrl } from "@/lib/session/bearer";
import { apiError, BAD_REQUEST_HINTS } from "./errors";

type Handler<Context> = (request: Request, context: Context) => Promise<Response>;

export function apiRoute<Context>(handler: Handler<Context>): Handler<Context> {
  return async (request, context) => {
    if (tokenInUrl(request)) return apiError("token_in_url");
    try {
      return await handler(request, context);
    } catch (error) {
      // The name only: messages can quote what the client sent (JSON.parse quotes the body,
      // which may hold a password).
      console.error(`[api] ${request.method} ${new URL(request.url).pathname} failed: ${error instanceof Error ? error.name : typeof error}`);
      return apiError("internal");
    }
  };
}

export type Parsed<T> = { ok: true; data: T } | { ok: false; response: Response };

/** The JSON body, checked against its schema; malformed JSON or a wrong shape is a 400. */
export async function readJson<T>(request: Request, schema: z.ZodType<T>, hint: keyof typeof BAD_REQUEST_HINTS): Promise<Parsed<T>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return { ok: false, response: apiError("malformed_json") };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) return { ok: false, response: apiError("bad_request", BAD_REQUEST_HINTS[hint]) };
  return { ok: true, data: parsed.data };
}
