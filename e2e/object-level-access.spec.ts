// Threat: broken object-level authorization (OWASP API1:2023). A signed-in customer puts another
// customer's real IDs where their own belong: an account, a transfer receipt, a history cursor,
// a session to end, the account to pay from, an idempotency key, and the user or session an
// admin action names. Defense: every query that takes an ID from a request also takes the
// signed-in user (getAccountHistory in lib/bank/accounts.ts, pageOfTransactions in
// lib/bank/transactions-page.ts, getTransfer and moveMoney in lib/bank/transfers.ts,
// endOwnSession in lib/session/store.ts), and admin actions need the admin role
// (role: "admin", lib/session/guard.ts). Another customer's record answers exactly as one that
// does not exist, shows nothing of it and changes nothing. Lab flaw: `idor`.
import { randomUUID } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { apiSignIn, apiTransfer, bearer } from "./support/api";
import { booksOf } from "./support/ledger";
import { enterAdminPanel, eventTimes, transferFormFields } from "./support/fixtures";
import { actionIdOn, callAction, formParts, plainActionIds } from "./support/server-action";
import { expect, expectNoLeak, missingId, strangerStillSignedIn, test } from "./support/stranger";

/** A signed-in page at this address: its status, heading and whole HTML. */
async function visit(page: Page, path: string) {
  const response = await page.goto(path);
  return { status: response?.status(), heading: await page.locator("h1").allInnerTexts(), html: await page.content() };
}

/** A JSON API answer: status and parsed body, and the raw text for the leak search. */
async function apiGet(request: APIRequestContext, path: string, token: string) {
  const response = await request.get(path, { headers: bearer(token) });
  const text = await response.text();
  return { status: response.status(), body: JSON.parse(text) as unknown, text };
}

/** Where a server action sent the browser (its redirect), without React's `;push` suffix. */
function redirectOf(answer: { headers: Record<string, string> }): string | undefined {
  return answer.headers["x-action-redirect"]?.split(";")[0];
}

test("another customer's account page is not found and shows nothing of it", async ({
  signedInPage: page,
  stranger,
}) => {
  const theirs = await visit(page, `/accounts/${stranger.accountId}`);
  const nobodys = await visit(page, `/accounts/${missingId()}`);
  expect(theirs.status).toBe(404);
  expect({ status: theirs.status, heading: theirs.heading }).toEqual({
    status: nobodys.status,
    heading: nobodys.heading,
  });
  expectNoLeak(theirs.html, stranger, "account page");
  await expect(page.getByTestId("balance")).toHaveCount(0);
});

test("another customer's account history is not found over the API", async ({ request, user, stranger }) => {
  const token = await apiSignIn(request, user);
  const apiTheirs = await apiGet(request, `/api/v1/accounts/${stranger.accountId}/transactions`, token);
  const apiNobodys = await apiGet(request, `/api/v1/accounts/${missingId()}/transactions`, token);
  expect(apiTheirs.status).toBe(404);
  expect(apiTheirs).toEqual({ ...apiNobodys, text: apiTheirs.text });
  expectNoLeak(apiTheirs.text, stranger, "API history");
});

test("another customer's history entry is no cursor into one's own account", async ({ request, user, stranger }) => {
  const token = await apiSignIn(request, user);
  const history = `/api/v1/accounts/${user.accountId}/transactions`;
  const theirs = await apiGet(request, `${history}?cursor=${stranger.entryId}`, token);
  const nobodys = await apiGet(request, `${history}?cursor=${missingId()}`, token);
  expect(theirs.status).toBe(400);
  expect(theirs).toEqual({ ...nobodys, text: theirs.text });
  expectNoLeak(theirs.text, stranger, "API history with their cursor");
});

test("another customer's transfer receipt is not found and shows nothing of it", async ({
  signedInPage: page,
  request,
  user,
  stranger,
}) => {
  const theirs = await visit(page, `/transfers/${stranger.transferId}`);
  const nobodys = await visit(page, `/transfers/${missingId()}`);
  expect(theirs.status).toBe(404);
  expect({ status: theirs.status, heading: theirs.heading }).toEqual({
    status: nobodys.status,
    heading: nobodys.heading,
  });
  expectNoLeak(theirs.html, stranger, "receipt");

  // The API has no route that reads a transfer or a session by ID: each is its plain not_found.
  const token = await apiSignIn(request, user);
  for (const path of [`/api/v1/transfers/${stranger.transferId}`, `/api/v1/sessions/${stranger.sessionId}`]) {
    const answer = await apiGet(request, path, token);
    expect(answer.status, path).toBe(404);
    expect(answer.body, path).toEqual((await apiGet(request, path.replace(/[^/]+$/, missingId()), token)).body);
    expectNoLeak(answer.text, stranger, path);
  }
});

test("another customer's session cannot be ended from the sessions page; it stays live", async ({
  signedInPage: page,
  request,
  user,
  stranger,
  db,
  baseURL,
}) => {
  await page.goto("/security/sessions");
  const endSessions = await actionIdOn(page);
  const end = async (target: string) =>
    (await callAction(page.request, "/security/sessions", endSessions, formParts({ target }), baseURL!)).answer;

  const theirs = await end(stranger.sessionId);
  const nobodys = await end(missingId());
  expect(redirectOf(theirs)).toBe("/security/sessions?ended=0");
  expect(redirectOf(theirs)).toBe(redirectOf(nobodys));
  expectNoLeak(theirs.body, stranger, "sessions action");

  const session = await db.session.findUniqueOrThrow({ where: { id: stranger.sessionId } });
  expect(session.endedAt, "the stranger's session was not ended").toBeNull();
  expect(await strangerStillSignedIn(request, stranger)).toBe(true);
  expect(await db.securityEvent.count({ where: { userId: user.id, type: "sessions_revoked" } })).toBe(0);
});

test("paying from another customer's account is refused as from one that does not exist; no money moves", async ({
  page,
  request,
  user,
  stranger,
  db,
  baseURL,
  signInAs,
}) => {
  const before = await booksOf(db, [user, stranger]);
  await signInAs(page, user);
  await page.goto("/transfers");
  const submitTransfer = await actionIdOn(page);
  const pay = async (from: string) => {
    const form = transferFormFields({ accountId: from }, user, "100.00");
    const { answer, result } = await callAction(page.request, "/transfers", submitTransfer, formParts(form), baseURL!);
    expect(redirectOf(answer), `paying from ${from}`).toBeUndefined();
    expectNoLeak(answer.body, stranger, "transfer action");
    return (result as { message?: string }).message;
  };
  const webRefusal = await pay(stranger.accountId);
  expect(webRefusal).toBe("Choose one of your accounts to pay from.");
  expect(webRefusal).toBe(await pay(missingId()));

  const token = await apiSignIn(request, user);
  const send = async (fromAccountId: string) => {
    const body = { fromAccountId, toAccountNumber: user.accountNumber, amount: "100.00" };
    const response = await apiTransfer(request, token, body, randomUUID());
    return { status: response.status(), body: await response.json() };
  };
  const apiRefusal = await send(stranger.accountId);
  expect(apiRefusal.status).toBe(422);
  expect(apiRefusal).toEqual(await send(missingId()));

  expect(await booksOf(db, [user, stranger]), "nothing moved").toEqual(before);
});

test("another customer's idempotency key makes one's own transfer, never replays theirs", async ({
  request,
  user,
  stranger,
  db,
}) => {
  const { idempotencyKey } = await db.transfer.findUniqueOrThrow({ where: { id: stranger.transferId } });
  const token = await apiSignIn(request, user);
  const body = { fromAccountId: user.accountId, toAccountNumber: stranger.accountNumber, amount: "1.00" };
  const response = await apiTransfer(request, token, body, idempotencyKey);
  expect(response.status()).toBe(201);
  const answer = await response.json();
  expect(answer.replayed).toBe(false);
  expect(answer.transfer.id).not.toBe(stranger.transferId);
  expect(await db.transfer.count({ where: { userId: user.id } })).toBe(1);
});

test("a customer posting the admin panel's actions with another customer's IDs gets its 404; nothing changes", async ({
  page,
  request,
  user,
  stranger,
  createUser,
  db,
  baseURL,
  signInAs,
  newDevice,
}) => {
  // Whoever reads an admin's page gets the action IDs; a customer then names the stranger in each.
  const panel = await enterAdminPanel(await newDevice(await createUser({ role: "admin" })));
  await expect(panel.getByRole("heading", { name: "Users and live sessions" })).toBeVisible();
  await panel.goto("/admin");
  const actions = await plainActionIds(panel);
  // Option, end, end all, disable; and unlock where another test has left an account locked.
  expect(actions.length, "the panel's forms").toBeGreaterThanOrEqual(4);
  await panel.context().close();

  await signInAs(page, user);
  await page.goto("/dashboard");
  const fields = { userId: stranger.id, sessionId: stranger.sessionId, mode: "off" };
  for (const action of actions) {
    const { answer } = await callAction(page.request, "/admin", action, formParts(fields, { plain: true }), baseURL!);
    expect(answer.status, `admin action ${action}`).toBe(404);
    expectNoLeak(answer.body, stranger, `admin action ${action}`);
  }
  expect((await db.user.findUniqueOrThrow({ where: { id: stranger.id } })).disabledAt, "not disabled").toBeNull();
  expect(await db.session.count({ where: { userId: stranger.id, endedAt: null } }), "their session lives").toBe(1);
  expect(await strangerStillSignedIn(request, stranger)).toBe(true);
  // Each refusal is recorded (the page the action answers with is refused and recorded too),
  // folded into one row with a count like every repeated failure (lib/session/events.ts).
  const denied = await eventTimes(db, { userId: user.id, type: "admin_access_denied" });
  expect(denied).toBeGreaterThanOrEqual(actions.length);
  expect(await db.securityEvent.count({ where: { userId: user.id, type: "admin_setting_changed" } })).toBe(0);
});
