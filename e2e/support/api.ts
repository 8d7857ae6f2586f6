// The JSON API specs' test, with the `apiToken` fixture, and their helpers: sign in for a bearer
// token, call with it, and give a test its own client address. The sign-in throttle counts
// failures per address, and every test connects from 127.0.0.1. The main e2e servers therefore
// run as if behind one trusted proxy (TRUSTED_PROXY_COUNT=1, scripts/e2e-server.ts), and a test
// that needs an address of its own plays that proxy: it appends the address to X-Forwarded-For,
// as a real proxy would. A client cannot do this to a directly exposed server
// (e2e/forged-client-address.spec.ts).
import { randomInt } from "node:crypto";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import type { ErrorCode } from "@/lib/error-body.mjs";
import { expectErrorShape } from "./error-shape";
import { expect, test as base, type TestUser } from "./fixtures";
import { answerOf } from "./hostile";

export type Headers = Record<string, string>;

export const test = base.extend<{ apiToken: string }>({
  /** The test user's bearer token: a sign-in over the API, from an address of the test's own. */
  apiToken: async ({ request, user }, use) => {
    await use(await apiSignIn(request, user, ownAddress()));
  },
});

export { expect };

/** A documentation-range IPv6 address (2001:db8::/32), a new one each call, spelled canonically. */
export function documentationAddress(): string {
  const group = () => randomInt(1, 0x10000).toString(16);
  return `2001:db8:${group()}:${group()}::${group()}`;
}

/** A documentation-range IPv6 /64 of the test's own: each call of the result, a new address in it. */
export function documentationNetwork(): () => string {
  const group = () => randomInt(1, 0x10000).toString(16);
  const prefix = `2001:db8:${group()}:${group()}`;
  return () => `${prefix}:${group()}:${group()}:${group()}:${group()}`;
}

/** The test's own client address, as the main e2e servers' one trusted proxy reports it. */
export function ownAddress(): Headers {
  return { "X-Forwarded-For": documentationAddress() };
}

export function bearer(token: string): Headers {
  return { Authorization: `Bearer ${token}` };
}

export function apiSignInAttempt(
  request: APIRequestContext,
  user: Pick<TestUser, "email" | "password">,
  headers: Headers = {},
): Promise<APIResponse> {
  return request.post("/api/v1/sessions", { data: { email: user.email, password: user.password }, headers });
}

/** Signs in over the API and returns the bearer token. */
export async function apiSignIn(
  request: APIRequestContext,
  user: Pick<TestUser, "email" | "password">,
  headers: Headers = {},
): Promise<string> {
  const response = await apiSignInAttempt(request, user, headers);
  expect(response.status()).toBe(201);
  return (await response.json()).token;
}

export function apiStepUpAttempt(request: APIRequestContext, token: string, password: string): Promise<APIResponse> {
  return request.post("/api/v1/sessions/current/step-up", { data: { password }, headers: bearer(token) });
}

/** Steps up and returns the new token. */
export async function apiStepUp(request: APIRequestContext, token: string, password: string): Promise<string> {
  const response = await apiStepUpAttempt(request, token, password);
  expect(response.status()).toBe(200);
  return (await response.json()).token;
}

export function apiTransfer(
  request: APIRequestContext,
  token: string,
  body: Record<string, unknown>,
  idempotencyKey: string,
): Promise<APIResponse> {
  return request.post("/api/v1/transfers", {
    data: body,
    headers: { ...bearer(token), "Idempotency-Key": idempotencyKey },
  });
}

/** The status and code of an API failure, in the one error shape (e2e/support/error-shape.ts). */
export async function expectApiError(
  response: APIResponse,
  status: number,
  error: ErrorCode,
): Promise<Record<string, unknown>> {
  expect(response.status()).toBe(status);
  return expectErrorShape(await answerOf(response), error);
}
