// Threat: Vaultline scaled out to several instances behind a load balancer, where a decision
// one instance made lives only in its memory: a sign-out, a rotated-out ID, a password change
// or an admin option that another instance never hears of, or an overdraft check each instance
// makes on its own. Defense: nothing about a session lives in a process. Every request reads
// its session as it is now in the shared database (lib/session/session-lookup.ts, no cache),
// the admin option is read at each elevation (lib/session/admin.ts), and the overdraft check
// is one conditional UPDATE the database serialises (lib/bank/transfers.ts). Proof: two
// production instances, A and B, on one throwaway PostgreSQL database with one secret
// (startInstances). A browser sends a localhost cookie to every port, so a context signed in on
// A is the same browser on B, as behind a load balancer. Each test has its own users.
import { randomUUID } from "node:crypto";
import { request as playwrightRequest, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { apiSignIn, apiTransfer, bearer, expectApiError } from "./support/api";
import { startInstances, type DirectServer } from "./support/direct-server";
import {
  adminPanelHeading,
  balanceOf,
  changePasswordInUi,
  test as base,
  expect,
  enterAdminPanel,
  replay,
  sessionCookieValue,
  setRotationAge,
  signInOverHttp,
  stepUpWithTransfer,
  type TestUser,
  transferFormFields,
} from "./support/fixtures";
import { expectBooksBalanced } from "./support/ledger";
import { actionIdOn, callAction, formParts } from "./support/server-action";
import { spareServerPort } from "./support/servers";

type Instances = { a: DirectServer; b: DirectServer };

const test = base.extend<{ api: Record<keyof Instances, APIRequestContext> }, { instances: Instances }>({
  instances: [
    async ({}, use) => {
      const [a, b] = await startInstances({
        name: "scale-out",
        database: "postgres",
        ports: [spareServerPort(2), spareServerPort(3)],
      });
      await use({ a: a!, b: b! });
      await Promise.all([a!.stop(), b!.stop()]);
    },
    { scope: "worker", timeout: 180_000 },
  ],
  // The fixtures' users (createUser) and every check read the instances' one database.
  db: [async ({ instances }, use) => use(instances.a.db), { scope: "worker" }],
  // A JSON API client of each instance.
  api: async ({ instances }, use) => {
    const [a, b] = await Promise.all(
      [instances.a, instances.b].map((server) => playwrightRequest.newContext({ baseURL: server.baseURL })),
    );
    await use({ a: a!, b: b! });
    await Promise.all([a!.dispose(), b!.dispose()]);
  },
});

const OPENING_BALANCE_CENTS = 250_000;
/** Transfers the payer's opening balance covers, each of an equal share. */
const COVERED = 10;
const SHARE_AMOUNT = (OPENING_BALANCE_CENTS / COVERED / 100).toFixed(2);

/** A browser of its own on `server`, signed in as `user` when one is named. */
async function newPageOn(browser: Browser, server: DirectServer, user?: TestUser): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.baseURL });
  if (user) await signInOverHttp(context, user);
  return context.newPage();
}

/** The user's own dashboard, served by `server` to this browser. */
async function expectDashboardOn(page: Page, server: DirectServer, user: TestUser): Promise<void> {
  const response = await page.goto(`${server.baseURL}/dashboard`);
  expect(response?.status()).toBe(200);
  expect(page.url()).toBe(`${server.baseURL}/dashboard`);
  await expect(page.getByRole("heading", { name: `Welcome, ${user.name}` })).toBeVisible();
  await expect(page.getByText(user.accountNumber)).toBeVisible();
}

type Outcome = "sent" | "refused for funds";

/** One share through the web form's server action on `server`, with a signed-in browser's cookie: a redirect to its receipt, or the funds message. */
async function sendByForm(
  web: APIRequestContext,
  server: DirectServer,
  actionId: string,
  payer: TestUser,
  payee: TestUser,
): Promise<Outcome> {
  const form = transferFormFields(payer, payee, SHARE_AMOUNT);
  const { answer, result } = await callAction(
    web,
    `${server.baseURL}/transfers`,
    actionId,
    formParts(form),
    server.baseURL,
  );
  if (/^\/transfers\/\w+/.test(answer.headers["x-action-redirect"] ?? "")) return "sent";
  expect(result, `${server.baseURL}: ${answer.status} ${answer.body.slice(0, 200)}`).toMatchObject({
    status: "editing",
    message: "Insufficient funds for this transfer.",
  });
  return "refused for funds";
}

/** One share through the JSON API on the instance `api` talks to: 201, or a 422 for funds. */
async function sendByApi(api: APIRequestContext, token: string, payer: TestUser, payee: TestUser): Promise<Outcome> {
  const response = await apiTransfer(
    api,
    token,
    { fromAccountId: payer.accountId, toAccountNumber: payee.accountNumber, amount: SHARE_AMOUNT },
    randomUUID(),
  );
  if (response.status() === 201) return "sent";
  const refused = await expectApiError(response, 422, "transfer_refused");
  expect(refused.message).toContain("Insufficient funds");
  return "refused for funds";
}

test.describe("two instances on one database", { tag: "@postgres" }, () => {
  // One pair of servers on fixed ports: the tests run in order, in one worker.
  test.describe.configure({ mode: "default" });

  test("a session signed in on A works on B: the same session, no new sign-in", async ({
    browser,
    instances: { a, b },
    createUser,
    db,
  }) => {
    const user = await createUser();
    const page = await newPageOn(browser, a, user);
    const id = await sessionCookieValue(page);

    await expectDashboardOn(page, b, user);
    expect(await sessionCookieValue(page), "B issued no ID of its own").toBe(id);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(1);
  });

  test("signed out on B, the session is refused by A at its very next request", async ({
    browser,
    instances: { a, b },
    createUser,
  }) => {
    const user = await createUser();
    const page = await newPageOn(browser, a, user);
    const copied = (await sessionCookieValue(page))!;
    await expectDashboardOn(page, b, user);

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(`${b.baseURL}/signin?reason=signed_out`);

    // A served this session moments ago; a copy of its cookie is refused there now.
    const copy = await newPageOn(browser, a);
    await replay(copy, copied, a.baseURL);
    await expect(copy).toHaveURL(`${a.baseURL}/signin?reason=signed_out&tier=medium&next=%2Fdashboard`);
    await expect(copy.getByText("You have signed out.")).toBeVisible();
  });

  test("step-up on A rotates the ID; the old one replayed on B ends the family, the new ID on A too", async ({
    browser,
    instances: { a, b },
    createUser,
    db,
  }) => {
    const user = await createUser();
    const page = await newPageOn(browser, a, user);
    const old = await stepUpWithTransfer(page, db, user, await createUser());
    expect(await sessionCookieValue(page)).not.toBe(old);
    await expectDashboardOn(page, b, user);
    // Dated past the grace window: a copy of the old cookie, not a request still in flight.
    await setRotationAge(db, user.id, 60);

    const thief = await newPageOn(browser, b);
    await replay(thief, old, b.baseURL);
    await expect(thief).toHaveURL(`${b.baseURL}/signin?reason=reused&tier=medium&next=%2Fdashboard`);
    expect(await db.session.count({ where: { userId: user.id, endedAt: null } })).toBe(0);

    await page.goto(`${a.baseURL}/dashboard`);
    await expect(page).toHaveURL(`${a.baseURL}/signin?reason=reused&tier=medium&next=%2Fdashboard`);
    await expect(page.getByText("an old copy of your session was used")).toBeVisible();
  });

  test("a password change on B ends the user's web session and API token on A", async ({
    browser,
    instances: { a, b },
    api,
    createUser,
  }) => {
    const user = await createUser();
    const webOnA = await newPageOn(browser, a, user);
    const tokenOnA = await apiSignIn(api.a, user);
    const onB = await newPageOn(browser, b, user);

    await changePasswordInUi(onB, user.password, "violet-harbour-engine-42");
    await expect(onB.getByText("Password changed. 2 other sessions were signed out")).toBeVisible();

    await webOnA.goto("/dashboard");
    await expect(webOnA).toHaveURL(`${a.baseURL}/signin?reason=password_changed&tier=medium&next=%2Fdashboard`);
    const refused = await expectApiError(
      await api.a.get("/api/v1/accounts", { headers: bearer(tokenOnA) }),
      401,
      "unauthenticated",
    );
    expect(refused.reason).toBe("password_changed");
  });

  test("the admin single-session option saved on A holds on B", async ({
    browser,
    instances: { a, b },
    createUser,
    db,
  }) => {
    const admin = await createUser({ role: "admin" });
    const panelOnA = await enterAdminPanel(await newPageOn(browser, a, admin));
    const option = panelOnA.getByLabel("When an admin opens the panel in a second session");
    await expect(option).toHaveValue("newest-wins");
    await option.selectOption("oldest-wins");
    await panelOnA.getByRole("button", { name: "Save option" }).click();
    await expect
      .poll(() => db.securityEvent.count({ where: { userId: admin.id, type: "admin_setting_changed" } }))
      .toBe(1);

    // Under the default (newest-wins) B would end A's panel; oldest-wins refuses B instead.
    const panelOnB = await enterAdminPanel(await newPageOn(browser, b, admin));
    await expect(panelOnB.getByText(/already open in another session: Chrome on Linux at .+, since /)).toBeVisible();
    await expect(adminPanelHeading(panelOnB)).toHaveCount(0);
    await panelOnA.goto("/admin");
    await expect(adminPanelHeading(panelOnA)).toBeVisible();
  });

  test("200 simultaneous transfers over both instances, web and API, from funds for 10: exactly 10 go through", async ({
    browser,
    instances: { a, b },
    api,
    createUser,
    db,
  }) => {
    test.slow(); // 200 requests at once on two production servers
    const [payer, payee] = [await createUser(), await createUser()];
    const page = await newPageOn(browser, a, payer);
    await page.goto("/transfers");
    const actionId = await actionIdOn(page);
    const token = await apiSignIn(api.b, payer);
    // The browser's cookie, sent from clients of their own: page.request reads the browser's
    // cookie jar for every request, one at a time, which delivered all 100 web posts seconds
    // after the API's, so the API's always took the money first.
    const storageState = await page.context().storageState();
    const [webA, webB] = await Promise.all([a, b].map(() => playwrightRequest.newContext({ storageState })));
    const senders = [
      () => sendByForm(webA!, a, actionId, payer, payee),
      () => sendByForm(webB!, b, actionId, payer, payee),
      () => sendByApi(api.a, token, payer, payee),
      () => sendByApi(api.b, token, payer, payee),
    ];

    const outcomes = await Promise.all(Array.from({ length: 200 }, (_, i) => senders[i % senders.length]!()));

    expect(outcomes.filter((o) => o === "sent")).toHaveLength(COVERED);
    const sentBy = (from: "web" | "api") =>
      outcomes.filter((o, i) => o === "sent" && i % senders.length < 2 === (from === "web")).length;
    expect(sentBy("web"), "transfers made through the web form").toBeGreaterThan(0);
    expect(sentBy("api"), "transfers made through the API").toBeGreaterThan(0);
    await Promise.all([webA!.dispose(), webB!.dispose()]);
    expect(await db.transfer.count({ where: { userId: payer.id } })).toBe(COVERED);
    expect(await balanceOf(db, payer.accountId)).toBe(0);
    expect(
      await db.ledgerEntry.count({ where: { accountId: payer.accountId, balanceAfterCents: { lt: 0 } } }),
      "no balance ever went negative",
    ).toBe(0);
    expect(await balanceOf(db, payee.accountId)).toBe(2 * OPENING_BALANCE_CENTS);
    await expectBooksBalanced(db, [payer, payee], 2 * OPENING_BALANCE_CENTS);
  });
});
