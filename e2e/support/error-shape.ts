// The one shape of every JSON error (lib/error-body.mjs, docs/api.md), checked on a real answer,
// whoever gave it: server.mjs, the proxy, the API or a session route. Exactly `error` and
// `message`, plus the fields the code adds, and the status that goes with the code.
import { ERRORS, type ErrorCode } from "@/lib/error-body.mjs";
import { expect } from "./fixtures";
import type { Answer } from "./hostile";

/** The body of a JSON error answer in the one shape (of `code` when given); returns it. */
export function expectErrorShape(answer: Answer, code?: ErrorCode, context = ""): Record<string, unknown> {
  const where = context ? ` (${context})` : "";
  expect(answer.headers["content-type"], `JSON${where}`).toMatch(/^application\/json/);
  const body = JSON.parse(answer.body) as Record<string, unknown>;
  if (code) expect(body.error, `the code${where}`).toBe(code);
  const known = ERRORS[body.error as ErrorCode];
  expect(known, `a documented code${where}: ${answer.body.slice(0, 200)}`).toBeDefined();
  expect(answer.status, `the status of ${String(body.error)}${where}`).toBe(known.status);
  expect(Object.keys(body), `exactly the documented fields${where}`).toEqual(["error", "message", ...known.fields]);
  expect(typeof body.message, `a message${where}`).toBe("string");
  expect((body.message as string).length, `a message${where}`).toBeGreaterThan(0);
  return body;
}
