// Every error the JSON API gives, in one map: a stable code for programs, a status, and a text
// for people. The shape never varies: {"error": code, "message": text} plus, for 401, the
// session's `reason`. No stack trace, no token, no echo of what the client sent.
import "server-only";
import { NextResponse } from "next/server";
import { SIGN_IN_MESSAGES } from "@/lib/auth/sign-in-errors";
import { TRANSACTIONS_PAGE, TRANSFER_IN_PROGRESS_MESSAGE } from "@/lib/bank/limits";
import { sessionPolicy } from "@/lib/session/policy";
import { apiReasonMessage, type InvalidReason } from "@/lib/session/end-reasons";
import { UNAVAILABLE_MESSAGE, UNAVAILABLE_RETRY_AFTER_SECONDS } from "@/lib/service-unavailable";
import { CROSS_SITE_MESSAGE } from "@/lib/session/same-origin";
import { stepUpLimitMessage } from "@/lib/session/step-up";

export const API_ERRORS = {
  malformed_json: { status: 400, message: "The body must be valid JSON." },
  bad_request: { status: 400, message: "The request is not valid." },
  token_in_url: {
    status: 400,
    message:
      "Tokens go in the Authorization header only, never in a URL. Treat a token that was put in a URL as leaked: sign in again.",
  },
  invalid_credentials: { status: 401, message: SIGN_IN_MESSAGES.invalid },
  unauthenticated: { status: 401, message: "A valid session is required." },
  wrong_password: { status: 403, message: "That password is not right." },
  cross_site: { status: 403, message: CROSS_SITE_MESSAGE },
  step_up_required: {
    status: 403,
    message: `Transfers need your password from the last ${sessionPolicy().stepUpFreshnessMinutes} minutes: POST /api/v1/sessions/current/step-up first.`,
  },
  not_found: { status: 404, message: "Not found." },
  idempotency_conflict: {
    status: 409,
    message: "This Idempotency-Key was already used for a different transfer. Use a new key for a new transfer.",
  },
  transfer_in_progress: { status: 409, message: TRANSFER_IN_PROGRESS_MESSAGE },
  transfer_refused: { status: 422, message: "The transfer was refused." },
  throttled: { status: 429, message: SIGN_IN_MESSAGES.throttled },
  step_up_limit: { status: 429, message: stepUpLimitMessage() },
  internal: { status: 500, message: "Something went wrong on our side. Try again later." },
  service_unavailable: { status: 503, message: UNAVAILABLE_MESSAGE },
} as const satisfies Record<string, { status: number; message: string }>;

export type ApiErrorCode = keyof typeof API_ERRORS;

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

export function apiError(code: ApiErrorCode, message?: string, init: ResponseInit = {}): NextResponse {
  const { status, message: text } = API_ERRORS[code];
  return NextResponse.json({ error: code, message: message ?? text }, { ...init, status });
}

/** 401 with the reason the session was refused; WWW-Authenticate as RFC 6750 asks. */
export function sessionRefused(reason: InvalidReason): NextResponse {
  return NextResponse.json(
    { error: "unauthenticated", reason, message: apiReasonMessage(reason) },
    { status: API_ERRORS.unauthenticated.status, headers: { "WWW-Authenticate": 'Bearer realm="vaultline"' } },
  );
}

export function wrongPassword(attemptsLeft: number): NextResponse {
  const left = attemptsLeft === 1 ? "1 attempt" : `${attemptsLeft} attempts`;
  return NextResponse.json(
    {
      error: "wrong_password",
      message: `That password is not right. ${left} left before the session ends.`,
      attemptsLeft,
    },
    { status: API_ERRORS.wrong_password.status },
  );
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
