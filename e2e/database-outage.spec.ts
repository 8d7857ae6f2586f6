// Threat: the database goes away (a failover, a network cut, a restart) or the app server
// crashes mid-request. A bank that then answers 500s with stack traces, lets someone in without
// checking, half-applies a payment, or stays broken until someone restarts it, fails its users.
// Defense: proxy.ts asks the database before every request (lib/db-health.ts) and answers a
// clear 503 (a page, the API's JSON, a plain text for server actions) while it cannot be
// reached; a request the outage catches half-way answers 503 as well (failedForOutage in
// lib/api/handler.ts and lib/outage.ts); a transfer is one transaction, applied whole or not at
// all; connections lost mid-transaction go back to the pool (lib/db.ts), so the app recovers by
// itself; sessions live in the database, so a restarted server knows them. Policy values:
// Retry-After 30 s (lib/service-unavailable.ts); pg connection timeout 10 s (lib/db.ts). Faults
// are injected on throwaway PostgreSQL databases of the spec's own servers: connections refused
// (ALLOW_CONNECTIONS false) and every open one terminated, then allowed again; and a SIGKILL.
import { randomUUID } from "node:crypto";
import { type APIRequestContext, type APIResponse, type Browser, type Page, type Response } from "@playwright/test";
import pg from "pg";
import { apiSignIn, apiSignInAttempt, apiTransfer, bearer, expectApiError } from "./support/api";
import { type DirectServer } from "./support/direct-server";
import {
  createTestUser,
  expect,
  fillTransfer,
  sessionCookieValue,
  signInOverHttp,
  test,
  untilHydrated,
  type TestUser,
} from "./support/fixtures";
import { booksOf, expectBooksBalanced } from "./support/ledger";
import { spareServerPort } from "./support/servers";
import { SIGN_IN_MESSAGES } from "@/lib/auth/sign-in-errors";
import { pgConnectionConfig, quoteIdent } from "@/lib/database-url";
import { warningOpensAt } from "./support/policy";
import {
  UNAVAILABLE_ACTION_MESSAGE,
  UNAVAILABLE_MESSAGE,
  UNAVAILABLE_RETRY_AFTER_SECONDS,
  UNAVAILABLE_TITLE,
} from "@/lib/service-unavailable";

const OPENING_BALANCE_CENTS = 250_000;
/** What must never reach a client: a stack frame, a driver's error, the database's name. */
const INTERNALS = /\bat .+:\d+:\d+|DriverAdapterError|prisma|postgres|vaultline_e2e|ECONNREFUSED/i;

/** Takes the server's database away and gives it back, from an administrator's connection. */
class DatabaseSwitch {
  private readonly admin: pg.Client;
  private readonly database: string;

  constructor(databaseUrl: string) {
    const config = pgConnectionConfig(databaseUrl);
    this.database = config.database;
    this.admin = new pg.Client({ ...config, database: "postgres" });
  }

  connect = () => this.admin.connect();
  close = () => this.admin.end();

  /** New connections are refused and every open one is ended, mid-transaction or idle. */
  async cut(): Promise<void> {
    await this.admin.query(`ALTER DATABASE ${quoteIdent(this.database)} ALLOW_CONNECTIONS false`);
    await this.admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
      [this.database],
    );
  }

  async restore(): Promise<void> {
    await this.admin.query(`ALTER DATABASE ${quoteIdent(this.database)} ALLOW_CONNECTIONS true`);
  }

  /**
   * The database goes away under a request the proxy already let through: `table` is locked,
   * so the request's first query on it waits; that connection is then ended. The rest of the
   * database answers all along, so only the error itself can tell the app what happened.
   */
  async cutHalfWay<T>(databaseUrl: string, table: string, send: () => Promise<T>): Promise<T> {
    const locker = new pg.Client(pgConnectionConfig(databaseUrl));
    await locker.connect();
    try {
      await locker.query(`BEGIN; LOCK TABLE ${quoteIdent(table)} IN ACCESS EXCLUSIVE MODE`);
      const answer = send();
      const waiting = "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'";
      await expect
        .poll(async () => (await this.admin.query(waiting, [this.database])).rowCount, { intervals: [20] })
        .toBeGreaterThan(0);
      await this.admin.query(`SELECT pg_terminate_backend(pid) FROM (${waiting}) AS waiting`, [this.database]);
      await locker.query("ROLLBACK");
      return await answer;
    } finally {
      await locker.end();
    }
  }
}

function expectNoInternals(text: string): void {
  expect(text, "no stack trace or database detail").not.toMatch(INTERNALS);
}

function expectRetryAfter(response: APIResponse | Response): void {
  expect(response.headers()["retry-after"]).toBe(String(UNAVAILABLE_RETRY_AFTER_SECONDS));
}

async function expectOutagePage(page: Page, response: Response | null): Promise<void> {
  expect(response?.status(), `${page.url()} answers 503`).toBe(503);
  expectRetryAfter(response!);
  await expect(page.getByRole("heading", { name: UNAVAILABLE_TITLE })).toBeVisible();
  await expect(page.getByText(UNAVAILABLE_MESSAGE)).toBeVisible();
  // Styled like the proxy's other pages: its stylesheet still loads while the database is away.
  await expect(page.getByRole("main")).toHaveCSS("background-color", "rgb(255, 255, 255)");
  expectNoInternals(await response!.text());
}

async function expectOutageJson(response: APIResponse): Promise<void> {
  await expectApiError(response, 503, "service_unavailable");
  expectRetryAfter(response);
  expectNoInternals(await response.text());
}

async function signedInPage(browser: Browser, server: DirectServer, user: TestUser): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.baseURL });
  const page = await context.newPage();
  await signInOverHttp(context, user);
  await page.goto("/dashboard");
  return page;
}

/** Sends each transfer of 1.00 under its own key at once; the status of each, or "cut off". */
function sendAll(
  api: APIRequestContext,
  token: string,
  body: Record<string, unknown>,
  keys: string[],
): Promise<(number | "cut off")[]> {
  return Promise.all(
    keys.map((key) =>
      apiTransfer(api, token, body, key).then(
        (r) => r.status(),
        () => "cut off" as const,
      ),
    ),
  );
}

async function firstCommitted(db: DirectServer["db"], payer: TestUser, atLeast: number): Promise<void> {
  await expect
    .poll(() => db.transfer.count({ where: { userId: payer.id } }), { intervals: [10], timeout: 15_000 })
    .toBeGreaterThanOrEqual(atLeast);
}

/** Sends every key again: each is either replayed (200) or made now (201), never twice. */
async function resendAll(
  api: APIRequestContext,
  token: string,
  body: Record<string, unknown>,
  keys: string[],
): Promise<void> {
  const statuses = await Promise.all(keys.map((key) => apiTransfer(api, token, body, key).then((r) => r.status())));
  expect(
    statuses.filter((s) => s !== 200 && s !== 201),
    "every retry is replayed (200) or made now (201)",
  ).toEqual([]);
}

test.describe("the database becomes unreachable, then returns", () => {
  // One server and one database for the group; its tests take the database away in turn.
  test.describe.configure({ mode: "default" });
  // The group's tests and helpers reach the server, its database and a client through these.
  let server: DirectServer;
  let database: DatabaseSwitch;
  let api: APIRequestContext;

  test.beforeAll(async ({ ownServer }, testInfo) => {
    testInfo.setTimeout(120_000);
    ({ api, ...server } = await ownServer({ name: "outage", database: "postgres", port: spareServerPort(0) }));
    database = new DatabaseSwitch(server.databaseUrl);
    await database.connect();
  });
  test.afterEach(async () => {
    await database.restore(); // whatever a failed test left behind
  });
  test.afterAll(async () => {
    await database?.close();
  });

  test("every page, route and endpoint answers a clear 503, and the same session works again when it returns", async ({
    browser,
    passwordHash,
  }) => {
    const user = await createTestUser(server.db, passwordHash);
    const page = await signedInPage(browser, server, user);
    const token = await apiSignIn(api, user);
    await database.cut();

    const pages = [
      "/dashboard",
      `/accounts/${user.accountId}`,
      "/transfers",
      "/security",
      "/security/password",
      "/security/sessions",
      "/admin",
      "/profile",
      "/",
      "/signin",
    ];
    for (const path of pages) await expectOutagePage(page, await page.goto(path));

    const auth = bearer(token);
    const endpoints: [string, Promise<APIResponse>][] = [
      ["sign-in", apiSignInAttempt(api, user)],
      ["session", api.get("/api/v1/sessions/current", { headers: auth })],
      ["step-up", api.post("/api/v1/sessions/current/step-up", { headers: auth, data: { password: user.password } })],
      ["accounts", api.get("/api/v1/accounts", { headers: auth })],
      ["history", api.get(`/api/v1/accounts/${user.accountId}/transactions`, { headers: auth })],
      [
        "transfer",
        apiTransfer(
          api,
          token,
          { fromAccountId: user.accountId, toAccountNumber: user.accountNumber, amount: "1.00" },
          randomUUID(),
        ),
      ],
      ["sign-out", api.delete("/api/v1/sessions/current", { headers: auth })],
      ["unknown path", api.get("/api/v1/nothing-here", { headers: auth })],
      // The web session's own routes and next-auth's, with the browser's cookie.
      ["keep-alive", page.request.post("/session/keep-alive?tier=low")],
      ["status poll", page.request.get("/session/status?tier=low")],
      ["next-auth csrf", page.request.get("/api/auth/csrf")],
      [
        "next-auth sign-in",
        page.request.post("/api/auth/callback/credentials", { form: { email: user.email, password: user.password } }),
      ],
    ];
    for (const [name, response] of endpoints) await test.step(name, async () => expectOutageJson(await response));

    const signOut = await page.request.post("/signout", { maxRedirects: 0 });
    expect(signOut.status()).toBe(503);
    expectNoInternals(await signOut.text());
    const action = await page.request.post("/transfers", { headers: { "Next-Action": "0".repeat(42) }, data: "[]" });
    expect(action.status()).toBe(503);
    expect(action.headers()["content-type"]).toMatch(/^text\/plain/);
    expect(await action.text()).toBe(UNAVAILABLE_ACTION_MESSAGE);

    // Back, without a restart: the same browser session and the same API token work again, and
    // the sign-outs the outage refused did not happen.
    await database.restore();
    expect((await page.goto("/dashboard"))?.status()).toBe(200);
    await expect(page.getByRole("heading", { name: `Welcome, ${user.name}` })).toBeVisible();
    expect((await api.get("/api/v1/accounts", { headers: auth })).status()).toBe(200);
  });

  test("sign-in during the outage lets nobody in, says why, and counts no failure", async ({
    browser,
    passwordHash,
  }) => {
    const user = await createTestUser(server.db, passwordHash);
    const page = await (await browser.newContext({ baseURL: server.baseURL })).newPage();
    await page.goto("/signin");
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    const failuresBefore = await server.db.signInFailure.count();
    await database.cut();

    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("alert").filter({ hasText: SIGN_IN_MESSAGES.unavailable })).toBeVisible();
    expect(new URL(page.url()).pathname).toBe("/signin");
    expect(await sessionCookieValue(page)).toBeUndefined();
    await expectOutageJson(await apiSignInAttempt(api, user));

    await database.restore();
    expect(await server.db.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await server.db.signInFailure.count()).toBe(failuresBefore);
    // The same form, once the database is back.
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL("**/dashboard");
  });

  test("a transfer submitted during the outage changes nothing; once it returns the same browser sends it", async ({
    browser,
    passwordHash,
  }) => {
    const payer = await createTestUser(server.db, passwordHash);
    const payee = await createTestUser(server.db, passwordHash);
    const page = await signedInPage(browser, server, payer);
    const token = await apiSignIn(api, payer);
    await fillTransfer(page, payee, "12.34");
    const before = await booksOf(server.db, [payer, payee]);
    await database.cut();

    await page.getByRole("button", { name: "Send transfer" }).click();
    await expect(page.getByRole("heading", { name: UNAVAILABLE_TITLE })).toBeVisible();
    await expect(page.getByText(UNAVAILABLE_ACTION_MESSAGE)).toBeVisible();
    const body = { fromAccountId: payer.accountId, toAccountNumber: payee.accountNumber, amount: "12.34" };
    await expectOutageJson(await apiTransfer(api, token, body, randomUUID()));

    await database.restore();
    expect(await booksOf(server.db, [payer, payee])).toEqual(before);
    await fillTransfer(page, payee, "12.34");
    await page.getByRole("button", { name: "Send transfer" }).click();
    await expect(page.getByRole("heading", { name: "Transfer sent" })).toBeVisible();
    await expectBooksBalanced(server.db, [payer, payee], 2 * OPENING_BALANCE_CENTS);
    expect(await server.db.transfer.count({ where: { userId: payer.id } })).toBe(1);
  });

  test("transfers the outage cuts off half-way answer 503, never 500, and each lands exactly once when retried", async ({
    passwordHash,
  }) => {
    const payer = await createTestUser(server.db, passwordHash);
    const payee = await createTestUser(server.db, passwordHash);
    const token = await apiSignIn(api, payer);
    const body = { fromAccountId: payer.accountId, toAccountNumber: payee.accountNumber, amount: "1.00" };
    const keys = Array.from({ length: 20 }, () => randomUUID());

    const statuses = sendAll(api, token, body, keys);
    await firstCommitted(server.db, payer, 1);
    await database.cut();
    const answered = await statuses;
    expect(
      answered.filter((s) => s !== 201 && s !== 503),
      "every answer is 201 or 503",
    ).toEqual([]);
    expect(answered, "the cut caught some transfers on their way").toContain(503);

    await database.restore();
    await expectBooksBalanced(server.db, [payer, payee], 2 * OPENING_BALANCE_CENTS);
    await resendAll(api, token, body, keys);
    expect(await server.db.transfer.count({ where: { userId: payer.id } })).toBe(keys.length);
    expect((await booksOf(server.db, [payer])).accounts[0]?.balanceCents).toBe(
      OPENING_BALANCE_CENTS - keys.length * 100,
    );
    await expectBooksBalanced(server.db, [payer, payee], 2 * OPENING_BALANCE_CENTS);
  });

  test("requests the outage catches half-way: sign-in fails clearly, the API and sign-out answer 503, a page a clear error", async ({
    browser,
    passwordHash,
  }) => {
    const user = await createTestUser(server.db, passwordHash);
    const page = await signedInPage(browser, server, user);
    const token = await apiSignIn(api, user);
    const visitor = await createTestUser(server.db, passwordHash);
    const signInPage = await (await browser.newContext({ baseURL: server.baseURL })).newPage();
    await signInPage.goto("/signin");
    await signInPage.getByLabel("Email").fill(visitor.email);
    await signInPage.getByLabel("Password").fill(visitor.password);

    // Sign-in: next-auth would put the driver's message into the URL it answers with.
    const callback = signInPage.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials"));
    await database.cutHalfWay(server.databaseUrl, "SignInFailure", () =>
      signInPage.getByRole("button", { name: "Sign in", exact: true }).click(),
    );
    const answer = await (await callback).text();
    expectNoInternals(answer);
    expect(answer).not.toContain("terminating");
    await expect(signInPage.getByRole("alert").filter({ hasText: SIGN_IN_MESSAGES.unavailable })).toBeVisible();
    expect(await sessionCookieValue(signInPage)).toBeUndefined();
    expect(await server.db.session.count({ where: { userId: visitor.id } })).toBe(0);

    await expectOutageJson(
      await database.cutHalfWay(server.databaseUrl, "Session", () =>
        api.get("/api/v1/accounts", { headers: bearer(token) }),
      ),
    );
    const signOut = await database.cutHalfWay(server.databaseUrl, "Session", () =>
      page.request.post("/signout", { maxRedirects: 0 }),
    );
    expect(signOut.status()).toBe(503);
    expect(signOut.headers()["set-cookie"]).toBeUndefined();
    // A page cannot set its own status: the known limit is a 500, with a clear page and nothing internal.
    const failedPage = await database.cutHalfWay(server.databaseUrl, "Session", () => page.goto("/dashboard"));
    expect(failedPage?.status()).toBe(500);
    await expect(page.getByRole("heading", { name: "Something went wrong" })).toBeVisible();
    expectNoInternals(await failedPage!.text());

    // Nothing was ended on the way: the session and the token still work.
    expect((await page.goto("/dashboard"))?.status()).toBe(200);
    expect((await api.get("/api/v1/accounts", { headers: bearer(token) })).status()).toBe(200);
  });

  test("the timeout warning does not take an outage for a signed-out session", async ({
    browser,
    passwordHash,
    signInAs,
  }) => {
    const user = await createTestUser(server.db, passwordHash);
    const context = await browser.newContext({ baseURL: server.baseURL });
    const page = await context.newPage();
    await page.clock.install();
    await signInAs(page, user);
    await page.goto("/transfers");
    await untilHydrated(page);
    await database.cut();

    // The warning opens and polls the server, which cannot say: the tab keeps its countdown.
    const poll = page.waitForResponse((r) => r.url().includes("/session/status"));
    await page.clock.fastForward((warningOpensAt("high") + 0.5) * 60_000);
    expect((await poll).status()).toBe(503);
    const dialog = page.getByRole("dialog", { name: "Are you still there?" });
    await expect(dialog).toBeVisible();
    const keepAlive = page.waitForResponse((r) => r.url().includes("/session/keep-alive"));
    await page.getByRole("button", { name: "Stay signed in" }).click();
    expect((await keepAlive).status()).toBe(503);
    await expect(dialog).toBeVisible();
    expect(new URL(page.url()).pathname).toBe("/transfers");

    await database.restore();
    await page.getByRole("button", { name: "Stay signed in" }).click();
    await expect(dialog).toHaveCount(0);
  });
});

test.describe("the server is killed mid-transfer and started again", () => {
  test.describe.configure({ mode: "default" });
  let server: DirectServer;
  let api: APIRequestContext;
  test.beforeAll(async ({ ownServer }, testInfo) => {
    testInfo.setTimeout(120_000);
    ({ api, ...server } = await ownServer({ name: "restart", database: "postgres", port: spareServerPort(1) }));
  });

  test("signed-in users are still signed in and every transfer is applied whole or not at all", async ({
    browser,
    passwordHash,
  }) => {
    test.setTimeout(120_000); // the restart starts a production server
    const payer = await createTestUser(server.db, passwordHash);
    const payee = await createTestUser(server.db, passwordHash);
    const page = await signedInPage(browser, server, payer);
    await fillTransfer(page, payee, "5.00");
    await page.getByRole("button", { name: "Send transfer" }).click();
    await expect(page.getByRole("heading", { name: "Transfer sent" })).toBeVisible();
    const receipt = new URL(page.url()).pathname;
    const token = await apiSignIn(api, payer);
    const body = { fromAccountId: payer.accountId, toAccountNumber: payee.accountNumber, amount: "1.00" };
    const keys = Array.from({ length: 20 }, () => randomUUID());

    const statuses = sendAll(api, token, body, keys);
    await firstCommitted(server.db, payer, 2);
    await server.crash();
    expect(await statuses, "the kill caught some transfers on their way").toContain("cut off");
    await expectBooksBalanced(server.db, [payer, payee], 2 * OPENING_BALANCE_CENTS);

    await server.restart();
    expect((await page.goto("/dashboard"))?.status()).toBe(200);
    await expect(page.getByRole("heading", { name: `Welcome, ${payer.name}` })).toBeVisible();
    await page.goto(receipt);
    await expect(page.getByRole("heading", { name: "Transfer sent" })).toBeVisible();
    await resendAll(api, token, body, keys);
    expect(await server.db.transfer.count({ where: { userId: payer.id } })).toBe(keys.length + 1);
    await expectBooksBalanced(server.db, [payer, payee], 2 * OPENING_BALANCE_CENTS);
  });
});
