// The JSON error answers of the API, the proxy and the session routes: the one body
// (lib/error-body.mjs, shared with server.mjs) with its code's status, and a default text for
// people for each code the app sends itself. No stack trace, no token, no echo of what the
// client sent.
import "server-only";
import { NextResponse } from "next/server";
import { SIGN_IN_MESSAGES } from "@/lib/auth/sign-in-errors";
import { TRANSACTIONS_PAGE, TRANSFER_IN_PROGRESS_MESSAGE } from "@/lib/bank/limits";
import { errorBody, ERRORS, type AddedFields, type ErrorBody, type ErrorCode } from "@/lib/error-body.mjs";
import { sessionPolicy, type Tier } from "@/lib/session/policy";
import { apiReasonMessage, webReasonMessage, type InvalidReason } from "@/lib/session/end-reasons";
import { UNAVAILABLE_MESSAGE, UNAVAILABLE_RETRY_AFTER_SECONDS } from "@/lib/service-unavailable";
import { CROSS_SITE_MESSAGE } from "@/lib/session/same-origin";
import { stepUpLimitMessage } from "@/lib/session/step-up";

/** The default message of each code `apiError` sends. */
export const ERROR_MESSAGES = {
  malformed_json: "The body must be valid JSON.",
  bad_request: "The request is not valid.",
  token_in_url:
    "Tokens go in the Authorization header only, never in a URL. Treat a token that was put in a URL as leaked: sign in again.",
  invalid_credentials: SIGN_IN_MESSAGES.invalid,
  cross_site: CROSS_SITE_MESSAGE,
  step_up_required: `This action needs your password from the last ${sessionPolicy().stepUpFreshnessMinutes} minutes: POST /api/v1/sessions/current/step-up first.`,
  not_found: "Not found.",
  idempotency_conflict:
    "This Idempotency-Key was already used for a different transfer. Use a new key for a new transfer.",
  transfer_in_progress: TRANSFER_IN_PROGRESS_MESSAGE,
  unsupported_media_type: "This body's Content-Type is not one this endpoint reads.",
  transfer_refused: "The transfer was refused.",
  throttled: SIGN_IN_MESSAGES.throttled,
  step_up_limit: stepUpLimitMessage(),
  internal: "Something went wrong on our side. Try again later.",
  service_unavailable: UNAVAILABLE_MESSAGE,
} as const satisfies Partial<Record<Exclude<ErrorCode, keyof AddedFields>, string>>;

/** What each bad_request means, so a client developer knows what to send. */
export const BAD_REQUEST_HINTS = {
  credentials: 'Send {"email": "...", "password": "..."}.',
  password: 'Send {"password": "..."}.',
  transfer:
    'Send {"fromAccountId": "...", "toAccountNumber": "VL-...", "amount": "12.34", "memo": "optional"}: amount is a decimal string of dollars.',
  idempotencyKey:
    "Send an Idempotency-Key header: a new random UUID for each transfer, reused only to retry that transfer.",
  page: `limit must be a whole number from 1 to ${TRANSACTIONS_PAGE.maxLimit}; cursor must be the nextCursor of the previous page.`,
  cursor: "That cursor does not belong to this account's history. Start again without a cursor.",
} as const;

/** An error body as the JSON answer, with its code's status. */
export function errorAnswer(body: ErrorBody, headers?: HeadersInit): NextResponse {
  return NextResponse.json(body, { status: ERRORS[body.error].status, headers });
}

/** An error with no added fields: its code's default message, or a more precise one. */
export function apiError(
  code: keyof typeof ERROR_MESSAGES,
  message: string = ERROR_MESSAGES[code],
  init: { headers?: HeadersInit } = {},
): NextResponse {
  return errorAnswer(errorBody(code, message), init.headers);
}

/** 401 with the reason the session was refused; WWW-Authenticate as RFC 6750 asks. */
export function sessionRefused(reason: InvalidReason): NextResponse {
  return errorAnswer(errorBody("unauthenticated", apiReasonMessage(reason), { reason }), {
    "WWW-Authenticate": 'Bearer realm="vaultline"',
  });
}

/** 401 from a route the app's own pages call (the cookie's session): why, in the web's words. */
export function sessionEnded(reason: InvalidReason, tier: Tier | null): NextResponse {
  return errorAnswer(errorBody("session_ended", webReasonMessage(reason, tier), { reason }));
}

export function wrongPassword(attemptsLeft: number): NextResponse {
  const left = attemptsLeft === 1 ? "1 attempt" : `${attemptsLeft} attempts`;
  const message = `That password is not right. ${left} left before the session ends.`;
  return errorAnswer(errorBody("wrong_password", message, { attemptsLeft }));
}

export function throttled(retryAfterSeconds: number): NextResponse {
  return apiError("throttled", undefined, { headers: { "Retry-After": String(retryAfterSeconds) } });
}

/** 503 while the database cannot be reached, with Retry-After: the client should try again then. */
export function serviceUnavailable(): NextResponse {
  return apiError("service_unavailable", undefined, {
    headers: { "Retry-After": String(UNAVAILABLE_RETRY_AFTER_SECONDS) },
  });
}
