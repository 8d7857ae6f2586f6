// Threat: hostile input to the JSON API (/api/v1) — random and crafted bodies, fields, headers
// and paths — finds an unhandled case: a 5xx, a stack trace, a secret echoed back, or money
// moved by a request that should have been refused. Defense: every endpoint reads its input
// through one schema (lib/api/schemas.ts) inside one frame (lib/api/handler.ts); text that is
// stored or looked up passes lib/text.ts first (no control characters in memos and emails, IDs
// shaped like IDs); money moves only through the strict amount parser and one transaction; and
// server.mjs refuses request targets Next.js cannot route. Property-based (fast-check): numRuns
// per property are in each test's name; FC_SEED replays a failing run. Runs on SQLite; the tests
// that put NUL, markup and SQL where a query reads or writes them (tagged @postgres) run on
// PostgreSQL too, whose text type refuses NUL. The properties test the app's own checks, which
// come before any query, so they run once.
import { randomUUID } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import fc from "fast-check";
import { bearer, expect, ownAddress, test } from "../support/api";
import { expectErrorShape } from "../support/error-shape";
import { balanceOf, type TestUser } from "../support/fixtures";
import { answerOf, balancesOf, expectSafeAnswer, runs, secretsFor, type Answer } from "../support/hostile";
import {
  anyJson,
  FOREIGN_ACCOUNT_NUMBERS,
  HOSTILE_AMOUNTS,
  HOSTILE_TEXT,
  headerValue,
  hostileAmount,
  hostileText,
  pathSegment,
  percentEncode,
  strictCents,
} from "../support/hostile-values";
import { rawRequest } from "../support/raw-http";
import type { Db } from "@/lib/db";

/** Control characters and unpaired surrogates: never stored (lib/text.ts). */
const UNSTORABLE = /[\p{Cc}\p{Cs}]/u;

async function expectApiRefusal(answer: Answer, statuses: number[], secrets: string[], context: string): Promise<void> {
  expectSafeAnswer(answer, secrets, context);
  // Node's HTTP parser answers a request line or headers over 16 KB itself, before any route.
  if (answer.status === 431) return;
  expect(statuses, `${context}: status ${answer.status}: ${answer.body.slice(0, 200)}`).toContain(answer.status);
  expectErrorShape(answer, undefined, context);
}

// Sign-in and step-up check each well-formed guess with real bcrypt (at the test server's cost,
// the lowest; each check still queues behind the others), so their properties run fewer times.
test.describe("sign-in", () => {
  test("any body is a 400 or a 401, never a session (15 runs)", async ({ request }) => {
    test.slow();
    const body = fc.oneof(
      anyJson(),
      fc.record(
        { email: fc.oneof(hostileText(), fc.emailAddress()), password: hostileText(1100) },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(body, async (data) => {
        const response = await request.post("/api/v1/sessions", {
          data: JSON.stringify(data),
          headers: { ...ownAddress(), "Content-Type": "application/json" },
        });
        const password = (data as { password?: unknown } | null)?.password;
        await expectApiRefusal(
          await answerOf(response),
          [400, 401],
          secretsFor({ passwords: typeof password === "string" ? [password] : [] }),
          "sign-in",
        );
      }),
      runs(15),
    );
  });

  test(
    "NUL, markup and SQL in the email or the password are refused like any wrong guess",
    { tag: "@postgres" },
    async ({ request, user, db }) => {
      test.slow();
      for (const text of HOSTILE_TEXT) {
        // The owner's email and the right password followed by the text: a NUL does not end the
        // password (no C string on the way to bcrypt). After five wrong guesses: 429.
        for (const data of [
          { email: text, password: text },
          { email: user.email, password: `${user.password}${text}` },
        ]) {
          const response = await request.post("/api/v1/sessions", { data, headers: ownAddress() });
          await expectApiRefusal(
            await answerOf(response),
            [400, 401, 429],
            secretsFor({ passwords: [data.password] }),
            `sign-in with ${JSON.stringify(text).slice(0, 40)}`,
          );
        }
      }
      expect(await db.session.count({ where: { userId: user.id } }), "nobody signed in").toBe(0);
    },
  );
});

test.describe("step-up", () => {
  test("any body is a 400 or a wrong password, never a new token (12 runs)", async ({
    request,
    apiToken: token,
    user,
    db,
  }) => {
    test.slow();
    const body = fc.oneof(anyJson(), fc.record({ password: hostileText(1100) }));
    await fc.assert(
      fc.asyncProperty(body, async (data) => {
        const response = await request.post("/api/v1/sessions/current/step-up", {
          data: JSON.stringify(data),
          headers: { ...bearer(token), "Content-Type": "application/json" },
        });
        const password = (data as { password?: unknown } | null)?.password;
        await expectApiRefusal(
          await answerOf(response),
          [400, 403],
          secretsFor({
            passwords: [user.password, ...(typeof password === "string" ? [password] : [])],
            tokens: [token],
          }),
          "step-up",
        );
        // Five wrong passwords end the session (step-up-guessing.spec.ts); here every run is a first guess.
        await db.session.updateMany({ where: { userId: user.id }, data: { stepUpFailures: 0 } });
      }),
      runs(12),
    );
    expect(
      (await request.get("/api/v1/sessions/current", { headers: bearer(token) })).status(),
      "the session is unharmed",
    ).toBe(200);
  });
});

test.describe("every endpoint's guard", () => {
  const ENDPOINTS = [
    { method: "GET", path: () => "/api/v1/accounts" },
    { method: "GET", path: () => "/api/v1/sessions/current" },
    { method: "DELETE", path: () => "/api/v1/sessions/current" },
    { method: "POST", path: () => "/api/v1/sessions/current/step-up" },
    { method: "POST", path: () => "/api/v1/transfers" },
    { method: "GET", path: (user: TestUser) => `/api/v1/accounts/${user.accountId}/transactions` },
  ];

  test("any Authorization header is a 401 (40 runs)", async ({ request, apiToken: token, user }) => {
    const authorization = fc.oneof(
      headerValue(),
      headerValue(60).map((v) => `Bearer ${v}`),
      fc.constantFrom("Bearer", "Bearer ", `Basic ${token}`, `Bearer ${token}x`, `Bearer ${token.slice(1)}`),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ENDPOINTS), authorization, async (endpoint, value) => {
        const response = await request.fetch(endpoint.path(user), {
          method: endpoint.method,
          headers: { Authorization: value },
        });
        await expectApiRefusal(
          await answerOf(response),
          [400, 401],
          secretsFor({ passwords: [user.password], tokens: [token] }),
          `${endpoint.method} with Authorization ${JSON.stringify(value).slice(0, 60)}`,
        );
      }),
      runs(40),
    );
  });

  test("malformed, duplicated, oversized and non-UTF-8 headers are refused cleanly", async ({
    apiToken: token,
    user,
    baseURL,
  }) => {
    const secrets = secretsFor({ passwords: [user.password], tokens: [token] });
    const big = "A".repeat(8 * 1024);
    const crafted: [string, string][] = [
      ["two Authorization headers", `Authorization: Bearer ${token}\r\nAuthorization: Bearer ${token}`],
      ["an 8 KB Authorization", `Authorization: Bearer ${big}`],
      ["a non-UTF-8 Authorization", "Authorization: Bearer \xff\xfe\x80\xc0\xaf"],
      ["a non-UTF-8 Content-Type", "Content-Type: application/json; charset=\xff"],
      ["a UTF-16 Content-Type", "Content-Type: application/json; charset=utf-16"],
      ["junk X-Forwarded-For", "X-Forwarded-For: \xff, <script>, ' OR 1=1, 999.999.999.999"],
      ["an 8 KB X-Forwarded-For", `X-Forwarded-For: ${"1.2.3.4, ".repeat(900)}`],
      ["an 8 KB cookie", `Cookie: vaultline.session=${big}`],
      ["a non-UTF-8 cookie", "Cookie: vaultline.session=\xff\xfe; next-auth.csrf-token=\x80"],
      ["an 8 KB user agent full of markup", `User-Agent: ${"<script>alert(1)</script>".repeat(330)}`],
      ["a non-UTF-8 Origin", "Origin: http://\xff\xfe"],
    ];
    for (const [what, header] of crafted) {
      const answer = await rawRequest(baseURL!, `GET /api/v1/accounts HTTP/1.1\r\n${header}`);
      expectSafeAnswer(answer, secrets, what);
      expect([200, 400, 401, 403], `${what}: ${answer.status}`).toContain(answer.status);
    }
    // Past Node's 16 KB header limit the HTTP parser itself answers 431: still a clear 4xx.
    const huge = await rawRequest(
      baseURL!,
      `GET /api/v1/accounts HTTP/1.1\r\nAuthorization: Bearer ${"A".repeat(17 * 1024)}`,
    );
    expect(huge.status).toBe(431);
  });
});

test.describe("account history", () => {
  test("any account id, limit and cursor: the owner's page, or a 400 or 404 (40 runs)", async ({
    request,
    apiToken: token,
    user,
    createUser,
  }) => {
    const other = await createUser();
    const id = fc.oneof(fc.constantFrom(user.accountId, other.accountId), pathSegment());
    const query = fc.record(
      { limit: fc.oneof(fc.integer().map(String), hostileText(20)), cursor: hostileText(80) },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(id, query, async (accountId, params) => {
        const search = new URLSearchParams(params).toString();
        const response = await request.get(`/api/v1/accounts/${accountId}/transactions?${search}`, {
          headers: bearer(token),
        });
        const answer = await answerOf(response);
        expectSafeAnswer(answer, secretsFor({ tokens: [token] }), `history of ${accountId}?${search}`);
        if (answer.status === 200) expect(accountId, "only the owner's own history is ever shown").toBe(user.accountId);
        else await expectApiRefusal(answer, [400, 404], [], `history of ${accountId}`);
      }),
      runs(40),
    );
  });

  test(
    "NUL, markup and SQL as the account id or the cursor are a 404 or a 400",
    { tag: "@postgres" },
    async ({ request, apiToken: token, user }) => {
      for (const text of HOSTILE_TEXT) {
        const byId = await request.get(`/api/v1/accounts/${percentEncode(text)}/transactions`, {
          headers: bearer(token),
        });
        await expectApiRefusal(await answerOf(byId), [400, 404], [], `account id ${JSON.stringify(text).slice(0, 40)}`);
        const byCursor = await request.get(`/api/v1/accounts/${user.accountId}/transactions`, {
          headers: bearer(token),
          params: { cursor: text, limit: text },
        });
        await expectApiRefusal(await answerOf(byCursor), [400], [], `cursor ${JSON.stringify(text).slice(0, 40)}`);
      }
    },
  );
});

type TransferCase = { fromAccountId: unknown; toAccountNumber: unknown; amount: unknown; memo?: unknown };

/** Sends one transfer and checks the answer against what the ledger says happened. */
async function sendAndCheck(
  request: APIRequestContext,
  db: Db,
  token: string,
  parties: { user: TestUser; payee: TestUser },
  body: unknown,
  key: string,
): Promise<Answer> {
  const { user, payee } = parties;
  const accounts = [user.accountId, payee.accountId];
  const before = await balancesOf(db, accounts);
  const transfers = await db.transfer.count({ where: { userId: user.id } });
  const response = await request.post("/api/v1/transfers", {
    data: JSON.stringify(body),
    headers: { ...bearer(token), "Idempotency-Key": key, "Content-Type": "application/json" },
  });
  const answer = await answerOf(response);
  const context = `transfer ${JSON.stringify(body).slice(0, 200)}`;
  expectSafeAnswer(answer, secretsFor({ passwords: [user.password], tokens: [token] }), context);
  if (answer.status === 200) {
    expect(JSON.parse(answer.body).replayed, `${context}: a 200 is a replay of an earlier transfer`).toBe(true);
    expect(await balancesOf(db, accounts), `${context}: a replay moves nothing`).toEqual(before);
    return answer;
  }
  if (answer.status !== 201) {
    await expectApiRefusal(answer, [400, 409, 422], [], context);
    expect(await balancesOf(db, accounts), `${context}: a refusal moves nothing`).toEqual(before);
    expect(await db.transfer.count({ where: { userId: user.id } })).toBe(transfers);
    return answer;
  }
  // Accepted: exactly what was asked, from the user's own account to the payee's, nothing else.
  const { amount, memo, fromAccountId, toAccountNumber } = body as TransferCase;
  const cents = strictCents(amount);
  expect(cents, `${context}: only a plain decimal amount moves money`).not.toBeNull();
  expect(fromAccountId).toBe(user.accountId);
  expect(String(toAccountNumber).trim().toUpperCase()).toBe(payee.accountNumber);
  const sent = JSON.parse(answer.body).transfer;
  const stored = await db.transfer.findUniqueOrThrow({ where: { id: sent.id } });
  expect(stored.amountCents).toBe(cents);
  expect(stored.memo ?? "", `${context}: a stored memo holds no control character`).not.toMatch(UNSTORABLE);
  if (typeof memo === "string" && memo.trim()) expect(stored.memo).toBe(memo.trim());
  expect(await balancesOf(db, accounts), `${context}: debited and credited by exactly that`).toEqual([
    before[0]! - cents!,
    before[1]! + cents!,
  ]);
  return answer;
}

test.describe("transfers", () => {
  test("any body moves exactly what was asked, or nothing (40 runs)", async ({
    request,
    apiToken: token,
    user,
    payee,
    createUser,
    db,
  }) => {
    const stranger = await createUser();
    const body = fc.record(
      {
        fromAccountId: fc.oneof(fc.constantFrom(user.accountId, stranger.accountId), hostileText(60), anyJson()),
        toAccountNumber: fc.oneof(
          fc.constantFrom(
            payee.accountNumber,
            payee.accountNumber.toLowerCase(),
            ` ${payee.accountNumber} `,
            user.accountNumber,
            ...FOREIGN_ACCOUNT_NUMBERS,
          ),
          hostileText(40),
        ),
        amount: fc.oneof(hostileAmount(), anyJson()),
        memo: fc.oneof(hostileText(160), anyJson()),
      },
      { requiredKeys: ["fromAccountId", "toAccountNumber", "amount"] },
    );
    // null: a fresh UUID, as a well-behaved client sends.
    const key = fc.oneof(fc.constant(null), headerValue(80));
    await fc.assert(
      fc.asyncProperty(
        body,
        key,
        async (data, idempotencyKey) =>
          void (await sendAndCheck(request, db, token, { user, payee }, data, idempotencyKey ?? randomUUID())),
      ),
      runs(40),
    );
  });

  test("amounts: negative, zero, beyond cents, exponents, huge, other digits, not numbers", async ({
    request,
    apiToken: token,
    user,
    payee,
    db,
  }) => {
    const notStrings = [-5, 0, 12.34, 1e3, Number.MAX_SAFE_INTEGER, null, true, [], {}, ["1.00"], { value: "1.00" }];
    for (const amount of [...HOSTILE_AMOUNTS, ...notStrings]) {
      const answer = await sendAndCheck(
        request,
        db,
        token,
        { user, payee },
        { fromAccountId: user.accountId, toAccountNumber: payee.accountNumber, amount },
        randomUUID(),
      );
      const cents = strictCents(amount);
      expect(answer.status, `amount ${JSON.stringify(amount).slice(0, 40)}`).toBe(
        cents && cents <= 1_000_000 ? 201 : 400,
      );
    }
  });

  test("unknown, foreign and own account numbers, and another customer's account to pay from", async ({
    request,
    apiToken: token,
    user,
    payee,
    db,
  }) => {
    const cases = [
      ...FOREIGN_ACCOUNT_NUMBERS.map((to) => ({ fromAccountId: user.accountId, toAccountNumber: to })),
      { fromAccountId: user.accountId, toAccountNumber: user.accountNumber },
      { fromAccountId: user.accountId, toAccountNumber: user.accountNumber.toLowerCase() },
      { fromAccountId: payee.accountId, toAccountNumber: user.accountNumber },
      { fromAccountId: payee.accountId, toAccountNumber: payee.accountNumber },
    ];
    for (const fields of cases) {
      const answer = await sendAndCheck(
        request,
        db,
        token,
        { user, payee },
        { ...fields, amount: "1.00" },
        randomUUID(),
      );
      expect([400, 422], JSON.stringify(fields)).toContain(answer.status);
    }
    expect(await balanceOf(db, payee.accountId)).toBe(250_000);
  });

  for (const field of ["fromAccountId", "toAccountNumber", "amount", "memo"]) {
    test(
      `NUL, control characters, markup and SQL as the ${field} are refused or stored verbatim`,
      { tag: "@postgres" },
      async ({ request, apiToken: token, user, payee, db }) => {
        const valid = {
          fromAccountId: user.accountId,
          toAccountNumber: payee.accountNumber,
          amount: "0.01",
          memo: "ok",
        };
        for (const text of HOSTILE_TEXT) {
          await sendAndCheck(request, db, token, { user, payee }, { ...valid, [field]: text }, randomUUID());
        }
      },
    );
  }

  test(
    "memos with control characters are refused with a message saying so",
    { tag: "@postgres" },
    async ({ request, apiToken: token, user, payee, db }) => {
      for (const memo of ["a\u0000b", "tab\there", "line\nbreak", "\u001b[31mred", "\u202ereversed", "x\ud800y"]) {
        const answer = await sendAndCheck(
          request,
          db,
          token,
          { user, payee },
          { fromAccountId: user.accountId, toAccountNumber: payee.accountNumber, amount: "1.00", memo },
          randomUUID(),
        );
        expect(answer.status, JSON.stringify(memo)).toBe(400);
        expect(JSON.parse(answer.body).message).toMatch(/memo/i);
      }
    },
  );

  test("bodies: nested thousands deep, __proto__ keys, BOMs, non-UTF-8, duplicated keys, 1 MB (over the 64 KB limit)", async ({
    request,
    apiToken: token,
    user,
    payee,
    db,
  }) => {
    const secrets = secretsFor({ passwords: [user.password], tokens: [token] });
    const fields = `"fromAccountId":"${user.accountId}","toAccountNumber":"${payee.accountNumber}"`;
    const bodies: [string, Buffer][] = [
      ["arrays 5,000 deep", Buffer.from("[".repeat(5000) + "]".repeat(5000))],
      ["objects 5,000 deep", Buffer.from('{"a":'.repeat(5000) + "1" + "}".repeat(5000))],
      ["an amount 5,000 deep", Buffer.from(`{${fields},"amount":${"[".repeat(5000)}"1.00"${"]".repeat(5000)}}`)],
      ["__proto__ carrying an amount", Buffer.from(`{${fields},"__proto__":{"amount":"100.00"}}`)],
      [
        "constructor.prototype",
        Buffer.from(`{${fields},"amount":"0.01","constructor":{"prototype":{"amount":"100.00"}}}`),
      ],
      ["a BOM", Buffer.from(`\ufeff{${fields},"amount":"0.01"}`)],
      ["two BOMs", Buffer.from(`\ufeff\ufeff{${fields},"amount":"0.01"}`)],
      [
        "non-UTF-8 bytes in the memo",
        Buffer.concat([
          Buffer.from(`{${fields},"amount":"0.01","memo":"`),
          Buffer.from([0xff, 0xfe, 0xc0, 0xaf]),
          Buffer.from('"}'),
        ]),
      ],
      ["UTF-16", Buffer.from(`{${fields},"amount":"0.01"}`, "utf16le")],
      [
        "duplicated keys",
        Buffer.from(`{${fields},"amount":"0.01","amount":"9999.99","fromAccountId":"${payee.accountId}"}`),
      ],
      [
        "a 1 MB memo",
        Buffer.from(
          JSON.stringify({
            fromAccountId: user.accountId,
            toAccountNumber: payee.accountNumber,
            amount: "0.01",
            memo: "m".repeat(1024 * 1024),
          }),
        ),
      ],
      ["1 MB of whitespace", Buffer.from(`{${fields},"amount":"0.01"${" ".repeat(1024 * 1024)}}`)],
      ["a number beyond doubles", Buffer.from(`{${fields},"amount":1e999}`)],
      ["empty", Buffer.alloc(0)],
      ["null", Buffer.from("null")],
      ["a truncated body", Buffer.from(`{${fields},"amount":"0.0`)],
    ];
    const accounts = [user.accountId, payee.accountId];
    for (const [what, body] of bodies) {
      const before = await balancesOf(db, accounts);
      const response = await request.post("/api/v1/transfers", {
        data: body,
        headers: { ...bearer(token), "Idempotency-Key": randomUUID(), "Content-Type": "application/json" },
      });
      const answer = await answerOf(response);
      expectSafeAnswer(answer, secrets, what);
      if (answer.status === 201) {
        expect(JSON.parse(answer.body).transfer.amount, `${what}: only the top-level amount counts`).toBe("0.01");
        expect((await balancesOf(db, accounts)).reduce((a, b) => a + b)).toBe(before.reduce((a, b) => a + b));
      } else {
        // 413: over server.mjs's 64 KB body limit, refused before the route reads it.
        await expectApiRefusal(answer, [400, 413, 422], [], what);
        expect(await balancesOf(db, accounts), what).toEqual(before);
      }
    }
    for (const path of ["/api/v1/sessions", "/api/v1/sessions/current/step-up"]) {
      for (const [what, body] of bodies) {
        const response = await request.post(path, {
          data: body,
          headers: { ...bearer(token), ...ownAddress(), "Content-Type": "application/json" },
        });
        await expectApiRefusal(await answerOf(response), [400, 401, 403, 413], secrets, `${path}: ${what}`);
      }
    }
  });

  test("Idempotency-Key: missing, malformed, oversized, non-UTF-8, duplicated", async ({
    apiToken: token,
    user,
    payee,
    db,
    baseURL,
  }) => {
    const body = Buffer.from(
      JSON.stringify({ fromAccountId: user.accountId, toAccountNumber: payee.accountNumber, amount: "1.00" }),
    );
    const keys = [
      "",
      "short",
      "k".repeat(65),
      "a b c d e f g h i j",
      "<script>alert(1)</script>",
      "' OR 1=1 --aaaaaaaa",
      "\xff\xfe\xfd".repeat(8),
      "k".repeat(8 * 1024),
    ];
    const heads = [
      ...keys.map((key) => `Idempotency-Key: ${key}`),
      `Idempotency-Key: ${randomUUID()}\r\nIdempotency-Key: ${randomUUID()}`,
    ];
    for (const head of heads) {
      const answer = await rawRequest(
        baseURL!,
        `POST /api/v1/transfers HTTP/1.1\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\n${head}`,
        body,
      );
      await expectApiRefusal(answer, [400], secretsFor({ tokens: [token] }), head.slice(0, 60));
    }
    expect(await balanceOf(db, user.accountId)).toBe(250_000);
  });
});

test.describe("paths", () => {
  test("any path and method under /api/v1 is a JSON 404, 400 or 405 (30 runs)", async ({ request }) => {
    const method = fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE");
    await fc.assert(
      fc.asyncProperty(method, fc.array(pathSegment(), { minLength: 1, maxLength: 4 }), async (verb, segments) => {
        const path = `/api/v1/nope/${segments.join("/")}`;
        const response = await request.fetch(path, { method: verb });
        // PUT and PATCH: 405 from server.mjs, which knows no such method.
        await expectApiRefusal(await answerOf(response), [400, 404, 405], [], `${verb} ${path}`);
      }),
      runs(30),
    );
  });

  test("path segments that do not decode are a 400, on every route", async ({ request, apiToken: token }) => {
    for (const bad of ["%ff", "%E0%A4%A", "%", "%zz", "%C0%AF"]) {
      for (const path of [`/api/v1/accounts/${bad}/transactions`, `/api/v1/${bad}`, `/api/v1/accounts/${bad}`]) {
        await expectApiRefusal(
          await answerOf(await request.get(path, { headers: bearer(token) })),
          [400],
          secretsFor({ tokens: [token] }),
          path,
        );
      }
    }
  });
});
