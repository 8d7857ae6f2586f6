// The one shape of every JSON error Vaultline sends, whoever answers: the front door
// (server.mjs), the proxy, the JSON API and the session routes the timeout warning calls.
//
//   {"error": "<code>", "message": "<a sentence for people>"}
//
// plus, for a few codes, the one fact a client acts on (the session's `reason`, the step-up's
// `attemptsLeft`). A program branches on `error` (stable; the status follows from it) and shows
// `message`. Nothing else ever goes in: no stack trace, no token, no password, no echo of what
// the client sent. docs/api.md lists the codes. Plain JavaScript so server.mjs, which runs before
// any TypeScript is compiled, builds the same body.

/** Every error code, with its HTTP status and the fields it adds to `error` and `message`. */
export const ERRORS = Object.freeze({
  malformed_json: { status: 400, fields: [] },
  bad_request: { status: 400, fields: [] },
  token_in_url: { status: 400, fields: [] },
  invalid_credentials: { status: 401, fields: [] },
  unauthenticated: { status: 401, fields: ["reason"] },
  session_ended: { status: 401, fields: ["reason"] },
  wrong_password: { status: 403, fields: ["attemptsLeft"] },
  cross_site: { status: 403, fields: [] },
  step_up_required: { status: 403, fields: [] },
  not_found: { status: 404, fields: [] },
  method_not_allowed: { status: 405, fields: [] },
  idempotency_conflict: { status: 409, fields: [] },
  transfer_in_progress: { status: 409, fields: [] },
  length_required: { status: 411, fields: [] },
  body_too_large: { status: 413, fields: [] },
  uri_too_long: { status: 414, fields: [] },
  unsupported_media_type: { status: 415, fields: [] },
  transfer_refused: { status: 422, fields: [] },
  throttled: { status: 429, fields: [] },
  step_up_limit: { status: 429, fields: [] },
  internal: { status: 500, fields: [] },
  service_unavailable: { status: 503, fields: [] },
});

// Programs call these paths (the API, the timeout warning's session routes): their errors are
// JSON. Pages, forms and server actions get a short text instead.
const JSON_PATH_PREFIXES = ["/api/", "/session/"];

/** Whether an error for this path is answered in JSON. */
export function answersWithJson(pathname) {
  return JSON_PATH_PREFIXES.some((prefix) => pathname.startsWith(prefix));
}

/**
 * The body of an error: its code, the message, and exactly the fields its code adds (any other
 * key in `fields` is left out, so nothing a caller happens to hold can slip into an answer).
 */
export function errorBody(code, message, fields = {}) {
  const body = { error: code, message };
  for (const name of ERRORS[code].fields) body[name] = fields[name];
  return body;
}
