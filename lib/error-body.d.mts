/** The fields some codes add to `error` and `message`, by code. */
export type AddedFields = {
  unauthenticated: { reason: string };
  session_ended: { reason: string };
  wrong_password: { attemptsLeft: number };
};

export type ErrorCode =
  | "malformed_json"
  | "bad_request"
  | "token_in_url"
  | "invalid_credentials"
  | "unauthenticated"
  | "session_ended"
  | "wrong_password"
  | "cross_site"
  | "step_up_required"
  | "not_found"
  | "method_not_allowed"
  | "idempotency_conflict"
  | "transfer_in_progress"
  | "length_required"
  | "body_too_large"
  | "uri_too_long"
  | "unsupported_media_type"
  | "transfer_refused"
  | "throttled"
  | "step_up_limit"
  | "internal"
  | "service_unavailable";

export type ErrorBody = { error: ErrorCode; message: string; reason?: string; attemptsLeft?: number };

export declare const ERRORS: Readonly<Record<ErrorCode, { status: number; fields: readonly string[] }>>;

export declare function answersWithJson(pathname: string): boolean;

export declare function errorBody<C extends ErrorCode>(
  code: C,
  message: string,
  ...fields: C extends keyof AddedFields ? [AddedFields[C]] : []
): ErrorBody;
