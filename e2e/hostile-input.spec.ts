// Threat: hostile input to the web app — the sign-in form (next-auth's callback), the transfer
// server action with its step-up, cookies, headers and paths — finds an unhandled case: a 5xx, a
// stack trace, a secret echoed back, a database error shown to the client, or money moved by a
// submission that should have been refused. Defense: one generic sign-in failure (lib/auth), the
// transfer action's validation (amount parser, account number pattern, the memo rule of
// lib/bank/limits.ts), text rules before any query (lib/text.ts), the same-origin redirect rule
// for next-auth (lib/auth/options.ts), and server.mjs refusing request targets Next cannot route.
// Property-based (fast-check): numRuns per property are in each test's name; FC_SEED replays a
// failing run. Runs on SQLite; the tests that put NUL, markup and SQL where a query reads or
// writes them (tagged @postgres) run on PostgreSQL too, whose text type refuses NUL. The
// properties test the app's own checks, which come before any query, so they run once.
import { randomUUID } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import fc from "fast-check";
import { ownAddress } from "./support/api";
import { expectErrorShape } from "./support/error-shape";
import {
  makeStepUpDue,
  balanceOf,
  expect,
  fillTransfer,
  SESSION_COOKIE,
  sessionCookieValue,
  signInOverHttp,
  test,
  type TestUser,
  transferFormFields,
} from "./support/fixtures";
import { answerOf, balancesOf, expectSafeAnswer, runs, secretsFor, type Answer } from "./support/hostile";
import {
  FOREIGN_ACCOUNT_NUMBERS,
  HOSTILE_AMOUNTS,
  HOSTILE_TEXT,
  hostileAmount,
  hostileText,
  strictCents,
} from "./support/hostile-values";
import { rawRequest } from "./support/raw-http";
import { actionIdOn, callAction, formParts, plainActionIds, type ActionCall, type Part } from "./support/server-action";
import type { Db } from "@/lib/db";

/** The only `error` codes next-auth may carry back to the sign-in page (lib/auth/sign-in-errors.ts). */
const SIGN_IN_ERROR_CODES = ["CredentialsSignin", "TooManyAttempts"];

/** Posts the sign-in form's fields as the form does (CSRF token first), from an address of its own. */
async function signInAttempt(request: APIRequestContext, fields: Record<string, string>): Promise<Answer> {
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  const response = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, json: "true", ...fields },
    headers: ownAddress(),
    maxRedirects: 0,
  });
  return answerOf(response);
}

/** A refused sign-in: no session cookie, and only a known error code on the way back. */
function expectSignInRefused(answer: Answer, secrets: string[], context: string): void {
  expectSafeAnswer(answer, secrets, context);
  expect(answer.headers["set-cookie"] ?? "", `${context}: no session cookie`).not.toMatch(
    new RegExp(`${SESSION_COOKIE}=[^;]`),
  );
  const location = answer.headers["content-type"]?.includes("json")
    ? JSON.parse(answer.body).url
    : answer.headers["location"];
  if (!location) return;
  const error = new URL(location, "http://localhost").searchParams.get("error");
  // A database error's text must never travel to the client, not even in a URL.
  if (error !== null) expect(SIGN_IN_ERROR_CODES, `${context}: error=${error}`).toContain(error);
}

type Parties = { user: TestUser; payee: TestUser; db: Db; page: Page; origin: string; token: string };

/** Signs in on `page` and opens the transfer form: everything a raw call to its action needs. */
async function transferSetup(
  page: Page,
  db: Db,
  user: TestUser,
  payee: TestUser,
  origin: string,
): Promise<Parties & { actionId: string }> {
  await signInOverHttp(page.context(), user);
  await page.goto("/transfers");
  return { user, payee, db, page, origin, token: (await sessionCookieValue(page))!, actionId: await actionIdOn(page) };
}

/** Calls the transfer action and checks the answer against what the ledger says happened. */
async function submitAndCheck(
  parties: Parties & { actionId: string },
  parts: Part[],
  wanted: Record<string, string>,
  context: string,
  sentPassword?: string,
): Promise<ActionCall> {
  const { user, payee, db, page, origin, token, actionId } = parties;
  const accounts = [user.accountId, payee.accountId];
  const before = await balancesOf(db, accounts);
  const known = new Set(
    (await db.transfer.findMany({ where: { userId: user.id }, select: { id: true } })).map((t) => t.id),
  );
  const call = await callAction(page.request, "/transfers", actionId, parts, origin);
  expectSafeAnswer(
    call.answer,
    secretsFor({ passwords: [user.password, ...(sentPassword ? [sentPassword] : [])], tokens: [token] }),
    context,
  );
  const made = (await db.transfer.findMany({ where: { userId: user.id } })).filter((t) => !known.has(t.id));
  if (made.length === 0) {
    expect(await balancesOf(db, accounts), `${context}: a refused form moves nothing`).toEqual(before);
    return call;
  }
  // Accepted: exactly what the form asked, from the user's account to the payee's.
  expect(made, context).toHaveLength(1);
  const cents = strictCents(wanted.amount);
  expect(cents, `${context}: only a plain decimal amount moves money`).not.toBeNull();
  // One destination, whichever field was filled in: with both, the form refuses to guess.
  expect(
    wanted.toAccount && wanted.toNumber?.trim(),
    `${context}: both destinations filled in, yet money moved`,
  ).toBeFalsy();
  const to = wanted.toAccount || wanted.toNumber;
  expect(to?.trim().toUpperCase()).toBe(payee.accountNumber);
  expect(made[0]!.fromAccountId).toBe(user.accountId);
  expect(made[0]!.amountCents).toBe(cents);
  expect(made[0]!.memo ?? "", `${context}: a stored memo holds no control character`).not.toMatch(/[\p{Cc}\p{Cs}]/u);
  expect(await balancesOf(db, accounts)).toEqual([before[0]! - cents!, before[1]! + cents!]);
  return call;
}

function validTransfer(user: TestUser, payee: TestUser): Record<string, string> {
  return transferFormFields(user, payee, "0.01", "ok");
}

/** The action's answer is a form state: the form again, with what is wrong. */
function formState(call: ActionCall): { status?: string; errors?: Record<string, string>; message?: string } {
  return (call.result ?? {}) as { status?: string; errors?: Record<string, string>; message?: string };
}

test.describe("sign-in", () => {
  // Every well-formed guess is checked with real bcrypt (at the test server's cost): few runs.
  test("any fields posted to next-auth's callback are the one generic refusal (15 runs)", async ({ request, user }) => {
    test.slow();
    const fields = fc.record(
      {
        email: fc.oneof(hostileText(), fc.emailAddress(), fc.constant(user.email)),
        password: hostileText(1100),
        callbackUrl: fc.oneof(
          hostileText(100),
          fc.constantFrom("/dashboard", "foo", "%ff", "//evil.example", "javascript:alert(1)", "http://evil.example/"),
        ),
        csrfToken: hostileText(80),
      },
      { requiredKeys: ["email", "password"] },
    );
    await fc.assert(
      fc.asyncProperty(fields, async (form) => {
        const answer = await signInAttempt(request, form);
        expectSignInRefused(
          answer,
          secretsFor({ passwords: [form.password, user.password] }),
          `sign-in ${JSON.stringify(form).slice(0, 120)}`,
        );
      }),
      runs(15),
    );
  });

  test("whatever is typed into the sign-in form, it says the one generic message (5 runs)", async ({ page }) => {
    test.slow();
    const typed = fc.record({ email: hostileText(80), password: hostileText(80).filter((p) => p.length > 0) });
    await page.goto("/signin");
    await fc.assert(
      fc.asyncProperty(typed, async ({ email, password }) => {
        await page.getByLabel("Email").fill(email);
        await page.getByLabel("Password").fill(password);
        await page.getByRole("button", { name: "Sign in", exact: true }).click();
        await expect(page.getByRole("main").getByRole("alert")).toHaveText(
          /^(Incorrect email or password\.|Too many attempts\..*)$/,
        );
        await expect(page).toHaveURL(/\/signin/);
      }),
      runs(5),
    );
  });

  test("callbackUrl and next-auth's callback-url cookie: anything not a path here is ignored", async ({
    request,
    user,
    baseURL,
  }) => {
    const targets = [
      "foo",
      "%ff",
      "%E0%A4%A",
      "javascript:alert(1)",
      "//evil.example",
      "\\\\evil.example",
      "http://evil.example/",
      "/%2F%2Fevil.example",
      "\u0000",
      "",
    ];
    for (const callbackUrl of targets) {
      const refused = await signInAttempt(request, { email: "nobody@vaultline.test", password: "wrong", callbackUrl });
      expectSignInRefused(refused, [], `callbackUrl ${JSON.stringify(callbackUrl)}`);
      expect(refused.status, `callbackUrl ${JSON.stringify(callbackUrl)}`).toBe(401);
      const inAddress = await request.get(`/api/auth/csrf?callbackUrl=${encodeURIComponent(callbackUrl)}`);
      expectSafeAnswer(await answerOf(inAddress), [], `csrf?callbackUrl=${JSON.stringify(callbackUrl)}`);
    }
    for (const route of ["GET /api/auth/csrf", "POST /api/auth/callback/credentials"]) {
      for (const cookie of ["foo", "%ff", "javascript:alert(1)", "\xff\xfe", "http://evil.example/"]) {
        const answer = await rawRequest(
          baseURL!,
          `${route} HTTP/1.1\r\nCookie: next-auth.callback-url=${cookie}\r\nContent-Type: application/x-www-form-urlencoded`,
          Buffer.from("email=nobody%40vaultline.test&password=wrong&json=true"),
        );
        expectSignInRefused(answer, [], `${route} with callback-url cookie ${cookie}`);
      }
    }
    // The right password with a hostile callbackUrl still signs in, and lands on this origin.
    const signedIn = await signInAttempt(request, { email: user.email, password: user.password, callbackUrl: "foo" });
    expect(new URL(JSON.parse(signedIn.body).url).origin).toBe(new URL(baseURL!).origin);
  });

  test("a callback-url cookie planted from a sibling subdomain does not lock anyone out", async ({
    page,
    user,
    baseURL,
    signInAs,
  }) => {
    await page.context().addCookies([{ name: "next-auth.callback-url", value: "foo", url: baseURL! }]);
    await signInAs(page, user);
    await page.goto("/dashboard");
    await expect(page.getByRole("heading", { name: `Welcome, ${user.name}` })).toBeVisible();
  });

  test("bodies that are not the sign-in form are a 415; broken forms the generic refusal", async ({
    request,
    user,
  }) => {
    const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
    const form = `email=${encodeURIComponent(user.email)}&password=wrong&csrfToken=${csrfToken}&json=true`;
    const notForms: [string, string, Buffer][] = [
      ["malformed JSON", "application/json", Buffer.from("[[[[")],
      [
        "JSON",
        "application/json",
        Buffer.from(JSON.stringify({ email: user.email, password: "wrong", csrfToken, json: "true" })),
      ],
      ["JSON 5,000 deep", "application/json", Buffer.from("[".repeat(5000) + "]".repeat(5000))],
      ["a form that says it is JSON too", "application/x-www-form-urlencoded; application/json", Buffer.from(form)],
      ["text", "text/plain", Buffer.from(form)],
      ["multipart without parts", "multipart/form-data; boundary=x", Buffer.from("--x--")],
      ["no type at all", "", Buffer.from(form)],
    ];
    for (const [what, contentType, body] of notForms) {
      const response = await request.post("/api/auth/callback/credentials", {
        data: body,
        headers: { "Content-Type": contentType, ...ownAddress() },
        maxRedirects: 0,
      });
      const answer = await answerOf(response);
      expectSignInRefused(answer, secretsFor({ passwords: [user.password] }), what);
      expectErrorShape(answer, "unsupported_media_type", what);
    }
    const brokenForms: [string, Buffer][] = [
      ["non-UTF-8 bytes", Buffer.concat([Buffer.from(form + "&email="), Buffer.from([0xff, 0xfe, 0x00])])],
      ["every field twice", Buffer.from(`${form}&email=other%40vaultline.test&password=x&csrfToken=x`)],
      ["a 1 MB form", Buffer.from(`${form}&pad=${"x".repeat(1024 * 1024)}`)],
      ["an empty body", Buffer.alloc(0)],
      ["__proto__ fields", Buffer.from(`${form}&__proto__=x&constructor=y`)],
    ];
    for (const [what, body] of brokenForms) {
      const response = await request.post("/api/auth/callback/credentials", {
        data: body,
        headers: { "Content-Type": "application/x-www-form-urlencoded", ...ownAddress() },
        maxRedirects: 0,
      });
      expectSignInRefused(await answerOf(response), secretsFor({ passwords: [user.password] }), what);
    }
  });

  test(
    "NUL, markup and SQL in the email are the generic refusal, on every database",
    { tag: "@postgres" },
    async ({ request }) => {
      test.slow();
      for (const text of HOSTILE_TEXT) {
        expectSignInRefused(
          await signInAttempt(request, { email: text, password: "wrong" }),
          [],
          `email ${JSON.stringify(text).slice(0, 40)}`,
        );
      }
    },
  );
});

test.describe("the transfer action", () => {
  test("any field values move exactly what was asked, or nothing (40 runs)", async ({
    page,
    user,
    createUser,
    db,
    baseURL,
  }) => {
    const payee = await createUser();
    const stranger = await createUser();
    const parties = await transferSetup(page, db, user, payee, baseURL!);
    const fields = fc.record({
      fromAccountId: fc.oneof(fc.constantFrom(user.accountId, stranger.accountId), hostileText(60)),
      recipient: fc.oneof(fc.constantFrom("own", "other"), hostileText(20)),
      toAccount: fc.oneof(fc.constantFrom("", payee.accountNumber, user.accountNumber), hostileText(40)),
      toNumber: fc.oneof(
        fc.constantFrom(
          "",
          payee.accountNumber,
          payee.accountNumber.toLowerCase(),
          user.accountNumber,
          ...FOREIGN_ACCOUNT_NUMBERS,
        ),
        hostileText(40),
      ),
      amount: hostileAmount(),
      memo: hostileText(160),
      idempotencyKey: fc.oneof(fc.constant(""), hostileText(40)).map((key) => key || randomUUID()),
    });
    await fc.assert(
      fc.asyncProperty(
        fields,
        async (form) =>
          void (await submitAndCheck(
            parties,
            formParts(form),
            form,
            `transfer form ${JSON.stringify(form).slice(0, 200)}`,
          )),
      ),
      runs(40),
    );
  });

  test(
    "memos with control characters get a form error saying so, on every database",
    { tag: "@postgres" },
    async ({ page, user, createUser, db, baseURL }) => {
      const payee = await createUser();
      const parties = await transferSetup(page, db, user, payee, baseURL!);
      // (An unpaired surrogate cannot travel in a UTF-8 form: it arrives as U+FFFD. The API spec sends one.)
      for (const memo of ["a\u0000b", "tab\there", "two\nlines", "\u001b[31mred", "\u202eevil"]) {
        const form = { ...validTransfer(user, payee), memo };
        const call = await submitAndCheck(parties, formParts(form), form, `memo ${JSON.stringify(memo)}`);
        expect(formState(call).errors?.memo, JSON.stringify(memo)).toBe(
          "Use only visible characters in the memo: no line breaks, tabs or control characters.",
        );
      }
      expect(await balanceOf(db, user.accountId)).toBe(250_000);
    },
  );

  test("amounts, unknown and foreign account numbers and self-transfers are form errors", async ({
    page,
    user,
    createUser,
    db,
    baseURL,
  }) => {
    const payee = await createUser();
    const parties = await transferSetup(page, db, user, payee, baseURL!);
    for (const amount of HOSTILE_AMOUNTS) {
      const form = { ...validTransfer(user, payee), amount };
      const call = await submitAndCheck(
        parties,
        formParts(form),
        form,
        `amount ${JSON.stringify(amount).slice(0, 40)}`,
      );
      const cents = strictCents(amount);
      if (!(cents && cents <= 1_000_000))
        expect(formState(call).errors?.amount, `amount ${JSON.stringify(amount).slice(0, 40)}`).toBeTruthy();
    }
    for (const toNumber of [...FOREIGN_ACCOUNT_NUMBERS, user.accountNumber, user.accountNumber.toLowerCase()]) {
      const form = { ...validTransfer(user, payee), toNumber };
      const state = formState(await submitAndCheck(parties, formParts(form), form, `to ${JSON.stringify(toNumber)}`));
      expect(state.errors?.toNumber ?? state.message, `to ${JSON.stringify(toNumber)}`).toBeTruthy();
    }
  });

  for (const field of ["fromAccountId", "recipient", "toAccount", "toNumber", "amount", "memo", "idempotencyKey"]) {
    test(
      `NUL, markup and SQL as the ${field} are a form error or stored verbatim`,
      { tag: "@postgres" },
      async ({ page, user, createUser, db, baseURL }) => {
        const payee = await createUser();
        const parties = await transferSetup(page, db, user, payee, baseURL!);
        for (const text of HOSTILE_TEXT) {
          const form = { ...validTransfer(user, payee), [field]: text };
          await submitAndCheck(parties, formParts(form), form, `${field} ${JSON.stringify(text).slice(0, 40)}`);
        }
      },
    );
  }

  test("crafted bodies: fields twice, files for text, non-UTF-8 bytes, up to the 64 KB limit, arguments that are no form", async ({
    page,
    user,
    createUser,
    db,
    baseURL,
  }) => {
    const payee = await createUser();
    const parties = await transferSetup(page, db, user, payee, baseURL!);
    const form = validTransfer(user, payee);
    const bodies: [string, Part[]][] = [
      [
        "every field twice",
        [
          ...formParts({ ...form, amount: "0.01" }).slice(0, -1),
          ...formParts({ ...form, amount: "9999.99", fromAccountId: payee.accountId }),
        ],
      ],
      [
        "a file as the amount",
        formParts(form).map((p) =>
          p.name === "_1_amount" ? { ...p, value: Buffer.from("100.00"), filename: "amount.txt" } : p,
        ),
      ],
      [
        "non-UTF-8 bytes in every field",
        formParts(Object.fromEntries(Object.keys(form).map((k) => [k, Buffer.from([0xff, 0xfe, 0xc0, 0xaf, 0x00])]))),
      ],
      [
        "a memo just under the 64 KB body limit",
        formParts({ ...form, idempotencyKey: randomUUID(), memo: "m".repeat(60 * 1000) }),
      ],
      ["no fields at all", formParts({})],
      ["the form as the first argument only", [{ name: "0", value: '["$K1"]' }, ...formParts(form).slice(0, -1)]],
      ["text instead of a form", [{ name: "0", value: JSON.stringify([{}, "a form"]) }]],
      ["an object instead of a form", [{ name: "0", value: JSON.stringify([{}, { amount: "100.00" }]) }]],
    ];
    for (const [what, parts] of bodies) {
      const call = await submitAndCheck(parties, parts, { ...form, amount: "0.01" }, what);
      expect(call.answer.status, what).toBeLessThan(400);
    }
  });

  test("through the real form: whatever is typed, a form error or a sent transfer (6 runs)", async ({
    page,
    user,
    createUser,
    db,
    signInAs,
  }) => {
    const payee = await createUser();
    await signInAs(page, user);
    await page.goto("/dashboard");
    const typed = fc.record({
      amount: hostileAmount(),
      memo: hostileText(60),
      to: fc.oneof(fc.constant(payee.accountNumber), hostileText(40)),
    });
    await fc.assert(
      fc.asyncProperty(typed, async ({ amount, memo, to }) => {
        const before = await balanceOf(db, user.accountId);
        await fillTransfer(page, { accountNumber: to }, amount, memo);
        await page.getByRole("button", { name: "Send transfer" }).click();
        const sent = page.getByRole("heading", { name: "Transfer sent" });
        await expect(sent.or(page.locator(".form-error").first())).toBeVisible();
        if (!(await sent.isVisible())) expect(await balanceOf(db, user.accountId)).toBe(before);
      }),
      runs(6),
    );
  });
});

test.describe("step-up in the transfer form", () => {
  test("any password is a form error, never a transfer (10 runs)", async ({ page, user, createUser, db, baseURL }) => {
    test.slow();
    const payee = await createUser();
    const parties = await transferSetup(page, db, user, payee, baseURL!);
    await makeStepUpDue(db, user);
    await fc.assert(
      fc.asyncProperty(
        hostileText(1100).filter((p) => p.length > 0),
        async (password) => {
          const form = { ...validTransfer(user, payee), password };
          const call = await submitAndCheck(
            parties,
            formParts(form),
            {},
            `step-up password ${JSON.stringify(password).slice(0, 60)}`,
            password,
          );
          expect(formState(call).status, "the form asks for the password again").toBe("step-up");
          // Five wrong passwords end the session (step-up.spec.ts); here every run is a first guess.
          await db.session.updateMany({ where: { userId: user.id }, data: { stepUpFailures: 0 } });
        },
      ),
      runs(10),
    );
    expect(await db.transfer.count({ where: { userId: user.id } })).toBe(0);
  });
});

/**
 * Cookies that have broken parsers: empty, unterminated, undecodable, twice (the live token first
 * and last), 8 KB and more, non-UTF-8 bytes, and next-auth's own cookies with junk in them.
 */
function hostileCookies(token: string): string[] {
  const big = "A".repeat(8 * 1024);
  return [
    `${SESSION_COOKIE}=`,
    SESSION_COOKIE,
    "=",
    ";;;=;;",
    `${SESSION_COOKIE}="unterminated`,
    `${SESSION_COOKIE}=%ff%fe%E0%A4%A`,
    `${SESSION_COOKIE}=a=b=c`,
    `${SESSION_COOKIE}=${token}; ${SESSION_COOKIE}=junk`,
    `${SESSION_COOKIE}=junk; ${SESSION_COOKIE}=${token}`,
    `${SESSION_COOKIE}=${big}`,
    Array.from({ length: 100 }, (_, i) => `c${i}=${"x".repeat(90)}`).join("; "),
    `${SESSION_COOKIE}=\xff\xfe\x80`,
    "next-auth.csrf-token=\xff\xfe|\x80",
    "next-auth.csrf-token=junk|junk; next-auth.callback-url=foo",
    "next-auth.callback-url=%ff",
    "next-auth.session-token=junk; __Secure-next-auth.session-token=junk",
    "__Host-vaultline.session=junk; __Host-next-auth.csrf-token=junk",
    `${SESSION_COOKIE}=<script>alert(1)</script>; x=' OR 1=1 --`,
  ];
}

test.describe("cookies and headers", () => {
  const ROUTES = [
    "GET /dashboard",
    "GET /transfers",
    "GET /accounts/x",
    "GET /session/status?tier=high",
    "POST /session/keep-alive?tier=high",
    "POST /signout",
    "GET /api/auth/csrf",
    "POST /api/auth/callback/credentials",
    "GET /signin",
  ];

  for (const route of ROUTES) {
    test(`${route}: malformed, duplicated, oversized and non-UTF-8 cookies are answered cleanly`, async ({
      signedInPage: page,
      user,
      baseURL,
    }) => {
      const token = (await sessionCookieValue(page))!;
      const cookies = hostileCookies(token);
      const secrets = secretsFor({ passwords: [user.password], tokens: [token] });
      for (const cookie of cookies) {
        const answer = await rawRequest(
          baseURL!,
          `${route} HTTP/1.1\r\nCookie: ${cookie}\r\nContent-Type: application/x-www-form-urlencoded`,
          Buffer.from("email=x"),
        );
        // A cookie that carries the live token may show the user's data: it is theirs.
        expectSafeAnswer(
          answer,
          cookie.includes(token) ? secrets.filter((s) => !s.startsWith(token)) : secrets,
          `${route} with Cookie: ${JSON.stringify(cookie).slice(0, 60)}`,
        );
      }
    });
  }

  test("hostile headers on pages and on the form's posts are answered cleanly", async ({
    signedInPage: page,
    user,
    baseURL,
  }) => {
    const token = (await sessionCookieValue(page))!;
    const secrets = secretsFor({ passwords: [user.password], tokens: [token] });
    const headers = [
      `Origin: http://\xff\xfe`,
      "Origin: null",
      "Sec-Fetch-Site: \xff",
      "Sec-Fetch-Site: same-origin\r\nSec-Fetch-Site: cross-site",
      "Next-Action: \xff\xfe",
      `Next-Action: ${"a".repeat(8 * 1024)}`,
      "Next-Action: ' OR 1=1 --",
      "Next-Router-State-Tree: %ff[[[",
      "Content-Type: multipart/form-data; boundary=\xff",
      "Content-Type: multipart/form-data",
      `User-Agent: ${"<script>alert(1)</script>".repeat(330)}`,
      "X-Forwarded-For: \xff, <script>, 999.1.1.1",
      "Host: \xff\xfe",
      "Accept: \xff/\xfe",
    ];
    for (const route of ["GET /dashboard", "POST /transfers", "POST /signout", "POST /session/keep-alive?tier=high"]) {
      for (const header of headers) {
        const answer = await rawRequest(
          baseURL!,
          `${route} HTTP/1.1\r\nCookie: ${SESSION_COOKIE}=${token}\r\n${header}`,
          Buffer.from("--x--\r\n"),
        );
        expectSafeAnswer(
          answer,
          secrets.filter((s) => !s.startsWith(token)),
          `${route} with ${JSON.stringify(header).slice(0, 60)}`,
        );
      }
    }
  });

  test("paths that do not decode and targets that are not paths are a 400", async ({ baseURL }) => {
    for (const target of [
      "GET /accounts/%ff",
      "GET /transfers/%E0%A4%A",
      "GET /api/auth/%ff",
      "POST /api/auth/callback/%ff",
      "OPTIONS *",
      "GET http://evil.example/signin",
    ]) {
      const answer = await rawRequest(baseURL!, `${target} HTTP/1.1`);
      expectSafeAnswer(answer, [], target);
      expect(answer.status, target).toBe(400);
      expect(answer.headers["location"], `${target}: never sent elsewhere`).toBeUndefined();
    }
  });

  test(
    "account and transfer pages with NUL, markup or SQL as the ID are not found",
    { tag: "@postgres" },
    async ({ signedInPage: page }) => {
      for (const text of HOSTILE_TEXT.filter((t) => t.length < 100)) {
        for (const path of ["/accounts", "/transfers"]) {
          const response = await page.request.get(
            `${path}/${encodeURIComponent(text.replace(/[\ud800-\udfff]/g, "?"))}`,
          );
          expectSafeAnswer(await answerOf(response), [], `${path}/${JSON.stringify(text)}`);
          expect([400, 404], `${path}/${JSON.stringify(text)}`).toContain(response.status());
        }
      }
    },
  );
});

test.describe("every server action", () => {
  // Row 0 holds the arguments; a crafted call puts anything where React puts the form ("$K1").
  const NOT_A_FORM = [
    '["$K1"]',
    '[{}, "a form"]',
    '[{}, {"amount": "100.00"}]',
    "[]",
    "[null, null]",
    '["a form"]',
    "[{}]",
  ].map((args) => [{ name: "0", value: args }]);

  /** The admin, in a browser of their own, inside the panel. */
  async function adminPanel(page: Page): Promise<Page> {
    await page.goto("/admin");
    await page.getByRole("button", { name: "Enter admin panel" }).click();
    await expect(page.getByRole("heading", { name: "Users and live sessions" })).toBeVisible();
    // Loaded by the server, as without script: its forms carry their action IDs in the markup.
    await page.goto("/admin");
    return page;
  }

  // Many calls, each answered with a rendered page (the admin panel's redirects render it again).
  test("given something other than a form, each action answers as to an empty form", async ({
    page,
    user,
    createUser,
    db,
    baseURL,
    signInAs,
    newDevice,
  }) => {
    test.slow();
    const admin = await createUser({ role: "admin" });
    await signInAs(page, user);
    await page.goto("/dashboard");
    const token = (await sessionCookieValue(page))!;
    for (const path of ["/transfers", "/security/sessions", "/security/password"]) {
      await page.goto(path);
      const actionId = await actionIdOn(page);
      for (const parts of NOT_A_FORM) {
        const { answer } = await callAction(page.request, path, actionId, parts, baseURL!);
        expectSafeAnswer(
          answer,
          secretsFor({ passwords: [user.password], tokens: [token] }),
          `${path} with ${parts[0]!.value}`,
        );
      }
    }
    expect(await db.session.count({ where: { userId: user.id, endedAt: null } }), "nothing ended").toBe(1);

    const panel = await adminPanel(await newDevice(admin));
    const actionIds = await plainActionIds(panel);
    expect(actionIds.length, "the panel's forms: option, end, end all, disable").toBeGreaterThanOrEqual(4);
    for (const actionId of actionIds) {
      for (const parts of NOT_A_FORM) {
        const { answer } = await callAction(panel.request, "/admin", actionId, parts, baseURL!);
        expectSafeAnswer(
          answer,
          secretsFor({ passwords: [admin.password] }),
          `admin action ${actionId} with ${parts[0]!.value}`,
        );
      }
    }
    expect(
      await db.session.count({ where: { userId: user.id, endedAt: null } }),
      "the customer's session still lives",
    ).toBe(1);
  });

  test(
    "NUL, markup and SQL as the session to end or the user to act on end nothing",
    { tag: "@postgres" },
    async ({ page, user, createUser, db, baseURL, signInAs, newDevice }) => {
      test.slow();
      const admin = await createUser({ role: "admin" });
      await signInAs(page, user);
      await page.goto("/security/sessions");
      const sessionsAction = await actionIdOn(page);
      for (const text of HOSTILE_TEXT) {
        const { answer } = await callAction(
          page.request,
          "/security/sessions",
          sessionsAction,
          formParts({ target: text }),
          baseURL!,
        );
        expectSafeAnswer(answer, [], `end session ${JSON.stringify(text).slice(0, 40)}`);
      }
      const panel = await adminPanel(await newDevice(admin));
      // A NUL, an unpaired surrogate, markup, SQL, a path and 10,000 characters, in every admin form.
      const probes = [
        "a\u0000b",
        "\ud800",
        "<script>alert(1)</script>",
        '\'; DROP TABLE "Account"; --',
        "../../../etc/passwd",
        "A".repeat(10_000),
      ];
      for (const actionId of await plainActionIds(panel)) {
        for (const text of probes) {
          const parts = formParts({ userId: text, sessionId: text, mode: text }, { plain: true });
          const { answer } = await callAction(panel.request, "/admin", actionId, parts, baseURL!);
          expectSafeAnswer(answer, [], `admin action ${actionId} with ${JSON.stringify(text).slice(0, 40)}`);
        }
      }
      expect(
        await db.session.count({ where: { userId: user.id, endedAt: null } }),
        "the customer's session still lives",
      ).toBe(1);
      expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).disabledAt).toBeNull();
    },
  );
});
