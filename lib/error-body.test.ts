// Every JSON error has one shape (lib/error-body.mjs): {"error", "message"} plus exactly the
// fields its code adds. Checked here for every code, against docs/api.md's table, through the
// app's own builders, and in the sources: no module builds an error body by hand. The browser
// suite checks the answers themselves (expectErrorShape in e2e/support/error-shape.ts).
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { apiError, ERROR_MESSAGES, sessionEnded, sessionRefused, throttled, wrongPassword } from "./api/errors";
import { answersWithJson, errorBody, ERRORS, type ErrorCode } from "./error-body.mjs";
import { badTier } from "./session/route-answers";

const ROOT = path.resolve(__dirname, "..");
const CODES = Object.keys(ERRORS) as ErrorCode[];

/** Every field any code adds, with a value, to offer each code more than it may take. */
const EVERY_FIELD = { reason: "idle", attemptsLeft: 2, stack: "Error: at x.js:1", token: "secret-token" };

async function expectShape(response: Response, code: ErrorCode): Promise<Record<string, unknown>> {
  assert.equal(response.status, ERRORS[code].status, `${code}: its status`);
  assert.match(response.headers.get("content-type") ?? "", /^application\/json/, `${code}: JSON`);
  const body = (await response.json()) as Record<string, unknown>;
  assert.deepEqual(Object.keys(body), ["error", "message", ...ERRORS[code].fields], `${code}: exactly these fields`);
  assert.equal(body.error, code);
  assert.equal(typeof body.message, "string");
  assert.ok((body.message as string).length > 0, `${code}: a message`);
  return body;
}

describe("the error body", () => {
  it("is the code, the message and exactly the fields the code adds, for every code", () => {
    for (const code of CODES) {
      const body = (errorBody as (c: ErrorCode, m: string, f: object) => object)(code, "A sentence.", EVERY_FIELD);
      const added = Object.fromEntries(ERRORS[code].fields.map((f) => [f, EVERY_FIELD[f as keyof typeof EVERY_FIELD]]));
      assert.deepEqual(body, { error: code, message: "A sentence.", ...added }, code);
    }
  });

  it("has an error status for every code: 4xx for the client's mistakes, 500 and 503 for the server's", () => {
    for (const code of CODES) assert.ok(ERRORS[code].status >= 400 && ERRORS[code].status < 600, code);
  });

  it("is what docs/api.md documents: the same codes with the same statuses", () => {
    const doc = readFileSync(path.join(ROOT, "docs/api.md"), "utf8");
    const rows = [...doc.matchAll(/^\| (\d{3}) \| `([a-z_]+)` \|/gm)].map(([, status, code]) => `${status} ${code}`);
    const codes = CODES.map((code) => `${ERRORS[code].status} ${code}`);
    assert.deepEqual([...rows].sort(), [...codes].sort());
  });

  it("is JSON under /api/ and /session/, where programs call; pages get text", () => {
    for (const path of ["/api/v1/accounts", "/api/auth/csrf", "/session/status"])
      assert.ok(answersWithJson(path), path);
    for (const path of ["/", "/dashboard", "/signout", "/lab/inbox", "/apiary", "/sessions"])
      assert.ok(!answersWithJson(path), path);
  });
});

describe("the app's error answers", () => {
  it("apiError gives each code its status, default message and shape", async () => {
    for (const code of Object.keys(ERROR_MESSAGES) as (keyof typeof ERROR_MESSAGES)[]) {
      const body = await expectShape(apiError(code), code);
      assert.equal(body.message, ERROR_MESSAGES[code]);
    }
  });

  it("a refused session names its reason; a wrong step-up password the attempts left", async () => {
    const refused = await expectShape(sessionRefused("idle"), "unauthenticated");
    assert.equal(refused.reason, "idle");
    assert.equal((await expectShape(wrongPassword(1), "wrong_password")).attemptsLeft, 1);
    await expectShape(throttled(60), "throttled");
  });

  it("the session routes answer in the same shape", async () => {
    await expectShape(badTier(), "bad_request");
    const ended = await expectShape(sessionEnded("idle", "high"), "session_ended");
    assert.equal(ended.reason, "idle");
  });
});

/** The app's own sources: what runs in the server, the proxy and the front door. */
function sourceFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) return file === path.join("lib", "generated") ? [] : walk(file);
      return /\.(ts|tsx|mjs)$/.test(entry.name) && !/\.(test|d)\.m?ts$/.test(entry.name) ? [file] : [];
    });
  return [...walk("app"), ...walk("lib"), ...walk("components"), "proxy.ts", "server.mjs"];
}

describe("the sources", () => {
  it("build no error body by hand: every one comes from errorBody", () => {
    // An object with an `error` key handed straight to JSON.
    const handMade = /(?:\.json|JSON\.stringify)\(\s*\{[^}]*?\berror["']?\s*:/;
    const offenders = sourceFiles().filter(
      (file) =>
        file !== path.join("lib", "error-body.mjs") && handMade.test(readFileSync(path.join(ROOT, file), "utf8")),
    );
    assert.deepEqual(offenders, []);
  });

  it("answer no JSON route with a text error", () => {
    const textAnswer = /new (?:Next)?Response\(\s*["'`]/;
    const routes = sourceFiles().filter((file) => /^app[/\\](api|session)[/\\].*route\.ts$/.test(file));
    assert.ok(routes.length > 5, "the JSON routes were found");
    const offenders = routes.filter((file) => textAnswer.test(readFileSync(path.join(ROOT, file), "utf8")));
    assert.deepEqual(offenders, []);
  });
});
