// Test fixtures: each test gets its own freshly created customer (so tests run in parallel
// without sharing state), direct access to its server's database, and the session-ageing
// helper that makes time pass on the server without waiting.
import { randomUUID } from "node:crypto";
import {
  test as base,
  expect,
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from "@playwright/test";
import bcrypt from "bcrypt";
import { PRODUCTION_HASH_COST } from "@/lib/auth/password-rules";
import { createDb, type Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { watchCsp, type CspViolation } from "./csp-watch";
import { startOwnServer, type OwnServer, type OwnServerOptions } from "./direct-server";
import { PAST_STEP_UP_FRESHNESS } from "./policy";
import { serverDatabaseUrl, type ServerName } from "./servers";
import { TEST_PASSWORD_HASH_COST } from "../../scripts/e2e-server";

// LAB ONLY
/** What an attack spec expects of the server it runs against: to stop the attack, or not. */
export type Target = "secure" | "flawed";
// END LAB ONLY

export type TestUser = {
  id: string;
  email: string;
  password: string;
  name: string;
  accountId: string;
  accountNumber: string;
};

type WorkerFixtures = {
  db: Db;
  passwordHash: string;
  cspWatchedBrowser: Browser;
  /**
   * Starts a server of the spec's own, with an HTTP client for it, once per worker and name
   * (a group's beforeAll asks for it); every one is stopped when the worker ends.
   */
  ownServer: (options: OwnServerOptions) => Promise<OwnServer & { api: APIRequestContext }>;
};
type Role = "customer" | "admin";
type TestFixtures = {
  // LAB ONLY
  target: Target;
  // END LAB ONLY
  server: ServerName;
  /** The test's own customer. */
  user: TestUser;
  /** Another customer, for the test's transfers to pay. */
  payee: TestUser;
  /** An administrator of the test's own. */
  admin: TestUser;
  /**
   * More users. `productionCost: true` hashes the password at production's bcrypt cost, for
   * specs whose checks must take real time. `in`: another server's database (an own server's).
   */
  createUser: (options?: { role?: Role; productionCost?: boolean; in?: Db }) => Promise<TestUser>;
  /** `page`, signed in as `user` through the app's own sign-in routes (it is on no page yet). */
  signedInPage: Page;
  /** Signs a page's browser context in as someone, as signedInPage does (its cookies are the context's). */
  signInAs: (page: Page, who: Pick<TestUser, "email" | "password">) => Promise<void>;
  /**
   * Another device: a browser context of its own (its own cookies), signed in as `user` unless
   * told whom, or signed out with `null`, on the test's server unless given another's origin
   * (an own server's). Closed when the test ends.
   */
  newDevice: (as?: TestUser | null, origin?: string) => Promise<Page>;
  /** The CSP violations the test's pages raised; any fails the test unless it expects them. */
  cspViolations: CspViolation[];
  expectCspViolations: boolean;
};

// One test runs at a time in a worker, so the worker's contexts report to the running test.
let reportedViolations: CspViolation[] = [];

export const TEST_PASSWORD = "correct-horse-battery-staple";

/**
 * A server of the spec's own at production's bcrypt cost (the test servers hash at the lowest),
 * for what only real bcrypt time shows: the cost a production server writes, and answers that
 * must take as long as a real check. As the main servers, it trusts one proxy (ownAddress()).
 */
export const PRODUCTION_COST_SERVER: OwnServerOptions = {
  name: "production-cost",
  database: "sqlite",
  passwordHashCost: PRODUCTION_HASH_COST,
  env: { TRUSTED_PROXY_COUNT: "1" },
};
const OPENING_BALANCE_CENTS = 250_000;

export const test = base.extend<TestFixtures, WorkerFixtures>({
  // LAB ONLY
  target: ["secure", { option: true }],
  // END LAB ONLY
  server: ["secure", { option: true }],
  expectCspViolations: [false, { option: true }],
  // Every context a test opens — the default one and browser.newContext() ones (a second
  // device, a replayed ID) — is watched for CSP violations.
  cspWatchedBrowser: [
    async ({ browser }, use) => {
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (options) => {
        const context = await newContext(options);
        await watchCsp(context, (violation) => reportedViolations.push(violation));
        return context;
      };
      await use(browser);
    },
    { scope: "worker", auto: true },
  ],
  cspViolations: [
    async ({ expectCspViolations }, use) => {
      reportedViolations = [];
      await use(reportedViolations);
      if (!expectCspViolations)
        expect(reportedViolations, "no page may raise a Content-Security-Policy violation").toEqual([]);
    },
    { auto: true },
  ],
  db: [
    async ({}, use, workerInfo) => {
      const server = (workerInfo.project.use as { server?: ServerName }).server ?? "secure";
      const db = createDb(serverDatabaseUrl(server));
      await use(db);
      await db.$disconnect();
    },
    { scope: "worker" },
  ],
  ownServer: [
    async ({ playwright }, use, workerInfo) => {
      const started = new Map<string, Promise<OwnServer & { api: APIRequestContext }>>();
      await use((options) => {
        const name = options === "direct" ? "direct" : options.name;
        // Its database is the worker's own: two specs on two workers may start servers of one name.
        const own = options === "direct" ? options : { ...options, name: `${name}-w${workerInfo.parallelIndex}` };
        if (!started.has(name))
          started.set(
            name,
            startOwnServer(own).then(async (server) => ({
              ...server,
              api: await playwright.request.newContext({ baseURL: server.baseURL }),
            })),
          );
        return started.get(name)!;
      });
      for (const server of await Promise.all(started.values())) {
        await server.api.dispose();
        await server.stop();
      }
    },
    { scope: "worker", timeout: 120_000 },
  ],
  // Real bcrypt at the test servers' own low cost, hashed once per worker and shared by its test
  // users: every sign-in and step-up checks it. A production server's cost is 12 or more
  // (password-change.spec.ts proves it on PRODUCTION_COST_SERVER).
  passwordHash: [
    async ({}, use) => use(await bcrypt.hash(TEST_PASSWORD, TEST_PASSWORD_HASH_COST)),
    { scope: "worker" },
  ],
  createUser: async ({ db, passwordHash }, use) => {
    await use(async ({ role = "customer", productionCost = false, in: where = db } = {}) =>
      createTestUser(where, productionCost ? await productionPasswordHash() : passwordHash, role),
    );
  },
  user: async ({ createUser }, use) => {
    await use(await createUser());
  },
  payee: async ({ createUser }, use) => {
    await use(await createUser());
  },
  admin: async ({ createUser }, use) => {
    await use(await createUser({ role: "admin" }));
  },
  signInAs: async ({}, use) => {
    await use((page, who) => signInOverHttp(page.context(), who));
  },
  signedInPage: async ({ page, user }, use) => {
    await signInOverHttp(page.context(), user);
    await use(page);
  },
  newDevice: async ({ browser, baseURL, user }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (as = user, origin = baseURL) => {
      const context = await browser.newContext({ baseURL: origin });
      contexts.push(context);
      if (as) await signInOverHttp(context, as);
      return context.newPage();
    });
    await Promise.all(contexts.map((context) => context.close()));
  },
});

export { expect };

let productionHash: Promise<string> | undefined;

/** TEST_PASSWORD at production's bcrypt cost, hashed once per worker when first asked for. */
function productionPasswordHash(): Promise<string> {
  return (productionHash ??= bcrypt.hash(TEST_PASSWORD, PRODUCTION_HASH_COST));
}

/** A customer (or admin) with one checking account and its opening deposit, in `db`. */
export async function createTestUser(
  db: Db,
  passwordHash: string,
  role: Role = "customer",
  password = TEST_PASSWORD,
): Promise<TestUser> {
  const tag = randomUUID().slice(0, 8);
  const email = `test-${tag}@vaultline.test`;
  const name = `Tess Tester ${tag}`;
  const user = await db.user.create({ data: { email, name, passwordHash, role } });
  const account = await db.account.create({
    data: {
      userId: user.id,
      name: "Checking",
      number: `VL-T-${tag.toUpperCase()}`,
      balanceCents: OPENING_BALANCE_CENTS,
    },
  });
  await db.ledgerEntry.create({
    data: {
      accountId: account.id,
      amountCents: OPENING_BALANCE_CENTS,
      balanceAfterCents: OPENING_BALANCE_CENTS,
      description: "Opening deposit",
    },
  });
  return { id: user.id, email, password, name, accountId: account.id, accountNumber: account.number };
}

/**
 * Signs a browser context in as the sign-in form does (lib/auth/options.ts): next-auth's CSRF
 * token, then its Credentials callback, which starts the session and sets the cookie in the
 * context. The same server code as the form, without rendering the sign-in page. For a server
 * of the spec's own, pass a context whose baseURL is that server's.
 */
export async function signInOverHttp(
  context: BrowserContext,
  user: Pick<TestUser, "email" | "password">,
): Promise<void> {
  const { csrfToken } = (await (await context.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await context.request.post("/api/auth/callback/credentials", {
    form: { email: user.email, password: user.password, csrfToken, callbackUrl: "/dashboard", json: "true" },
  });
  const { url } = (await response.json()) as { url: string };
  expect(new URL(url).pathname, `${user.email} signs in`).toBe("/dashboard");
}

/** Signs in through the real form and waits for the dashboard: for specs about signing in. */
export async function signInWithForm(page: Page, user: Pick<TestUser, "email" | "password">): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL("**/dashboard");
}

export const SESSION_COOKIE = "vaultline.session";

export async function sessionCookieValue(page: Page): Promise<string | undefined> {
  const cookies = await page.context().cookies();
  return cookies.find((c) => c.name === SESSION_COOKIE)?.value;
}

/**
 * Makes a session look idle or old without waiting: rewrites its timestamps in the server's
 * database, exactly as if the time had passed.
 */
export async function ageSession(
  db: Db,
  userId: string,
  by: { idleMinutes?: number; ageMinutes?: number },
): Promise<void> {
  const now = Date.now();
  const sessions = await db.session.findMany({ where: { userId, endedAt: null } });
  for (const s of sessions) {
    const shift = (by.ageMinutes ?? 0) * 60_000;
    await db.session.update({
      where: { id: s.id },
      data: {
        lastSeenAt: new Date(now - (by.idleMinutes ?? 0) * 60_000),
        createdAt: new Date(s.createdAt.getTime() - shift),
        authenticatedAt: new Date(s.authenticatedAt.getTime() - shift),
        expiresAt: new Date(s.expiresAt.getTime() - shift),
      },
    });
  }
}

/** Dates every rotation of the user's sessions this many seconds ago (the server's clock). */
export async function setRotationAge(db: Db, userId: string, secondsAgo: number): Promise<void> {
  await db.session.updateMany({
    where: { userId, endReason: "rotated" },
    data: { endedAt: new Date(Date.now() - secondsAgo * 1000) },
  });
}

/** Fills the transfer form for a payment to another customer's account. */
export async function fillTransfer(
  page: Page,
  to: { accountNumber: string },
  amount: string,
  memo = "",
): Promise<void> {
  await page.goto("/transfers");
  await page.getByRole("radio", { name: "Someone else" }).check();
  await page.getByLabel("Recipient account number").fill(to.accountNumber);
  await page.getByLabel("Amount (USD)").fill(amount);
  await page.getByLabel("Memo (optional)").fill(memo);
}

/**
 * The transfer form's fields for a payment to someone else, as its server action receives them
 * from the form (the own-account select disabled, so not sent), for tests that call the action.
 */
export function transferFormFields(
  from: { accountId: string },
  to: { accountNumber: string },
  amount: string,
  memo = "",
): Record<string, string> {
  return {
    fromAccountId: from.accountId,
    recipient: "other",
    toNumber: to.accountNumber,
    amount,
    memo,
    idempotencyKey: randomUUID(),
  };
}

/** A second account for the user (test users start with one checking account), empty. */
export async function addAccount(db: Db, user: TestUser, name: string): Promise<{ id: string; number: string }> {
  return db.account.create({
    data: { userId: user.id, name, number: `${user.accountNumber}-${name.slice(0, 3).toUpperCase()}` },
    select: { id: true, number: true },
  });
}

/** The pages a signed-in customer reaches from the navigation, for specs that read every one. */
export const CUSTOMER_PAGES = [
  "/dashboard",
  "/transfers",
  "/security",
  "/security/sessions",
  "/security/password",
  "/profile",
] as const;

/** Opens an account's history from the dashboard, as a person does, and waits for it. */
export async function openAccount(page: Page, name: string): Promise<void> {
  await page.goto("/dashboard");
  await accountLink(page, name).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
}

/** The dashboard's link to an account's history in its list of accounts (recent activity links there too). */
export function accountLink(page: Page, name: string | RegExp): Locator {
  return page.getByRole("region", { name: "Your accounts" }).getByRole("link", { name });
}

/** Makes the user's password entry older than step-up accepts: the next sensitive action asks for it. */
export async function makeStepUpDue(db: Db, user: Pick<TestUser, "id">): Promise<void> {
  await ageSession(db, user.id, { ageMinutes: PAST_STEP_UP_FRESHNESS });
}

/** Presents `token` as this page's session cookie and opens the dashboard: a copied ID replayed. */
export async function replay(page: Page, token: string, baseURL: string): Promise<void> {
  await page.context().addCookies([{ name: SESSION_COOKIE, value: token, url: baseURL }]);
  await page.goto("/dashboard");
}

/**
 * Replays a session ID in a fresh browser and says whether it opens the owner's accounts. Only
 * two outcomes count: the owner's own dashboard (works) or the sign-in page (refused). Anything
 * else — an error page, someone else's data — fails the test instead of counting either way.
 * The browser runs no script: the server's answer is what counts, and a payload stored in a memo
 * (the XSS attacks leave one in the dashboard's recent activity) would take the page elsewhere.
 */
export async function idStillWorks(
  browser: Browser,
  baseURL: string,
  token: string,
  owner: Pick<TestUser, "name" | "accountNumber">,
): Promise<boolean> {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  try {
    await context.addCookies([{ name: SESSION_COOKIE, value: token, url: baseURL }]);
    const page = await context.newPage();
    const response = await page.goto("/dashboard");
    if (new URL(page.url()).pathname === "/signin") return false;
    expect(response?.status(), "a replayed ID either opens the dashboard or is sent to sign in").toBe(200);
    await expect(page.getByRole("heading", { name: `Welcome, ${owner.name}` })).toBeVisible();
    await expect(page.getByText(owner.accountNumber)).toBeVisible();
    return true;
  } finally {
    await context.close();
  }
}

/**
 * Waits for the page's scripts to have run (nothing left to load). The session watch reads the
 * browser's clock when it mounts: a clock moved before the page hydrated (a slow, busy machine)
 * would count from the moved time, and the warning would never open.
 */
export async function untilHydrated(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle");
}

/** With step-up due, sends a transfer that asks for the password: returns the ID the step-up rotated out. */
export async function stepUpWithTransfer(page: Page, db: Db, user: TestUser, payee: TestUser): Promise<string> {
  await makeStepUpDue(db, user);
  const old = (await sessionCookieValue(page))!;
  await fillTransfer(page, payee, "3.00");
  await page.getByRole("button", { name: "Send transfer" }).click();
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Confirm transfer" }).click();
  await expect(page.getByRole("heading", { name: "Transfer sent" })).toBeVisible();
  return old;
}

/** A signed-in admin enters the panel (signed in moments ago: no password asked). */
export async function enterAdminPanel(page: Page): Promise<Page> {
  await page.goto("/admin");
  await page.getByRole("button", { name: "Enter admin panel" }).click();
  return page;
}

export const adminPanelHeading = (page: Page) => page.getByRole("heading", { name: "Users and live sessions" });

/** Changes the password through the security settings form. */
export async function changePasswordInUi(page: Page, current: string, next: string): Promise<void> {
  await page.goto("/security/password");
  await page.getByLabel("Current password").fill(current);
  await page.getByLabel("New password", { exact: true }).fill(next);
  await page.getByLabel("Confirm new password").fill(next);
  await page.getByRole("button", { name: "Change password" }).click();
}

/**
 * How many times an event happened. Repeated failures share one row with a count
 * (lib/session/events.ts), so counting rows would undercount them.
 */
export async function eventTimes(db: Db, where: Prisma.SecurityEventWhereInput): Promise<number> {
  const { _sum } = await db.securityEvent.aggregate({ where, _sum: { count: true } });
  return _sum.count ?? 0;
}

export async function balanceOf(db: Db, accountId: string): Promise<number> {
  return (await db.account.findUniqueOrThrow({ where: { id: accountId } })).balanceCents;
}

// LAB ONLY
/** For attack specs: the attack must fail against the secure server and succeed against the flawed one. */
export function expectAttack(target: Target, succeeded: boolean): void {
  const expected = target === "flawed";
  expect(
    succeeded,
    expected ? "the attack should succeed with the flaw on" : "the secure server should stop the attack",
  ).toBe(expected);
}

/**
 * An attack's outcome read from the page: true when the evidence (the victim's data) shows,
 * false when the server sent the attacker to sign in. Anything else — an error page, a blank
 * page — fails the test, so a broken server never passes for a defended one.
 */
export async function attackOutcome(page: Page, evidence: Locator): Promise<boolean> {
  const signInPage = page.getByRole("heading", { name: "Sign in to Vaultline" });
  await expect(evidence.or(signInPage), "the attack either shows the victim's data or ends at sign-in").toBeVisible();
  return evidence.isVisible();
}
// END LAB ONLY
