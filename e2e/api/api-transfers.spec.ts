// Threat: a mobile client moves money with weaker checks than the web form: without a recent
// password, twice on a retry, or with a sloppy amount. Defense: the same rules as the web
// (lib/api/transfers.ts → isFreshlyAuthenticated, parseAmount, executeTransfer), an
// Idempotency-Key per transfer (same key + same body = the original transfer; same key + a
// different body = 409), and owner-scoped reads with a bounded page size.
import { randomUUID } from "node:crypto";
import { apiStepUp, apiTransfer, bearer, expect, expectApiError, test } from "../support/api";
import { balanceOf, makeStepUpDue } from "../support/fixtures";

test("a fresh session sends money; a retry with the same key is the same transfer", async ({
  request,
  apiToken: token,
  user,
  payee,
  db,
}) => {
  const key = randomUUID();
  const body = {
    fromAccountId: user.accountId,
    toAccountNumber: payee.accountNumber.toLowerCase(),
    amount: "125.50",
    memo: "Rent share",
  };

  const first = await apiTransfer(request, token, body, key);
  expect(first.status()).toBe(201);
  const sent = await first.json();
  expect(sent.replayed).toBe(false);
  expect(sent.transfer).toMatchObject({
    fromAccountId: user.accountId,
    toAccountNumber: payee.accountNumber,
    amount: "125.50",
    currency: "USD",
    memo: "Rent share",
  });

  const retry = await apiTransfer(request, token, body, key);
  expect(retry.status()).toBe(200);
  expect((await retry.json()).transfer.id).toBe(sent.transfer.id);
  expect(await balanceOf(db, user.accountId)).toBe(250_000 - 12_550);
  expect(await balanceOf(db, payee.accountId)).toBe(250_000 + 12_550);
  expect(await db.transfer.count({ where: { userId: user.id } })).toBe(1);
});

test("the same Idempotency-Key with a different body is a 409 and moves nothing", async ({
  request,
  apiToken: token,
  user,
  payee,
  db,
}) => {
  const key = randomUUID();
  const body = { fromAccountId: user.accountId, toAccountNumber: payee.accountNumber, amount: "10.00" };
  expect((await apiTransfer(request, token, body, key)).status()).toBe(201);

  for (const change of [{ amount: "99.00" }, { memo: "different" }, { toAccountNumber: user.accountNumber }]) {
    await expectApiError(await apiTransfer(request, token, { ...body, ...change }, key), 409, "idempotency_conflict");
  }
  expect(await db.transfer.count({ where: { userId: user.id } })).toBe(1);
  expect(await balanceOf(db, user.accountId)).toBe(250_000 - 1_000);
});

test("a stale session gets 403 step_up_required; after step-up the new token transfers", async ({
  request,
  apiToken: stale,
  user,
  payee,
  db,
}) => {
  await makeStepUpDue(db, user);
  const body = { fromAccountId: user.accountId, toAccountNumber: payee.accountNumber, amount: "60.00" };

  await expectApiError(await apiTransfer(request, stale, body, randomUUID()), 403, "step_up_required");
  expect(await balanceOf(db, user.accountId)).toBe(250_000);

  const fresh = await apiStepUp(request, stale, user.password);
  expect((await apiTransfer(request, fresh, body, randomUUID())).status()).toBe(201);
  expect(await balanceOf(db, user.accountId)).toBe(250_000 - 6_000);
  expect(await db.securityEvent.count({ where: { userId: user.id, type: "step_up_success" } })).toBe(1);
});

test("bad amounts and a missing Idempotency-Key are 400s; nothing moves", async ({
  request,
  apiToken: token,
  user,
  payee,
  db,
}) => {
  const body = { fromAccountId: user.accountId, toAccountNumber: payee.accountNumber, amount: "1.00" };

  const noKey = await request.post("/api/v1/transfers", { data: body, headers: bearer(token) });
  expect((await expectApiError(noKey, 400, "bad_request")).message).toContain("Idempotency-Key");
  for (const amount of [12.34, "1.234", "-5", "1e3", "0", "10000.01"]) {
    await expectApiError(await apiTransfer(request, token, { ...body, amount }, randomUUID()), 400, "bad_request");
  }
  await expectApiError(
    await apiTransfer(request, token, { ...body, toAccountNumber: "<script>" }, randomUUID()),
    400,
    "bad_request",
  );
  const malformed = await request.post("/api/v1/transfers", {
    data: '{"amount":',
    headers: { ...bearer(token), "Idempotency-Key": randomUUID() },
  });
  await expectApiError(malformed, 400, "malformed_json");
  expect(await balanceOf(db, user.accountId)).toBe(250_000);
});

test("an overdraft, another customer's account or an unknown payee is a 422", async ({
  request,
  apiToken: token,
  user,
  createUser,
  db,
}) => {
  const other = await createUser();
  const cases = [
    {
      body: { fromAccountId: user.accountId, toAccountNumber: other.accountNumber, amount: "2500.01" },
      message: "Insufficient funds",
    },
    {
      body: { fromAccountId: other.accountId, toAccountNumber: user.accountNumber, amount: "5.00" },
      message: "one of your accounts",
    },
    {
      body: { fromAccountId: user.accountId, toAccountNumber: "VL-NOPE-0000", amount: "5.00" },
      message: "No account has that number",
    },
  ];
  for (const { body, message } of cases) {
    const refused = await expectApiError(
      await apiTransfer(request, token, body, randomUUID()),
      422,
      "transfer_refused",
    );
    expect(refused.message).toContain(message);
  }
  expect(await balanceOf(db, user.accountId)).toBe(250_000);
  expect(await balanceOf(db, other.accountId)).toBe(250_000);
});

test("accounts are the customer's own; another customer's history is not found", async ({
  request,
  apiToken: token,
  user,
  createUser,
}) => {
  const other = await createUser();
  const accounts = await request.get("/api/v1/accounts", { headers: bearer(token) });
  expect(accounts.headers()["cache-control"]).toBe("no-store");
  expect((await accounts.json()).accounts).toEqual([
    { id: user.accountId, number: user.accountNumber, name: "Checking", balance: "2500.00", currency: "USD" },
  ]);
  await expectApiError(
    await request.get(`/api/v1/accounts/${other.accountId}/transactions`, { headers: bearer(token) }),
    404,
    "not_found",
  );
});

test("history pages newest first by cursor, with a bounded limit", async ({ request, apiToken: token, user, db }) => {
  const hourAgo = Date.now() - 3_600_000;
  for (let i = 1; i <= 4; i += 1) {
    await db.ledgerEntry.create({
      data: {
        accountId: user.accountId,
        amountCents: -i,
        balanceAfterCents: 250_000 - i,
        description: `Entry ${i}`,
        createdAt: new Date(hourAgo + i * 1000),
      },
    });
  }
  const url = `/api/v1/accounts/${user.accountId}/transactions`;
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const response = await request.get(url, {
      headers: bearer(token),
      params: { limit: 2, ...(cursor ? { cursor } : {}) },
    });
    expect(response.status()).toBe(200);
    const page: { transactions: { description: string }[]; nextCursor: string | null } = await response.json();
    expect(page.transactions.length).toBeLessThanOrEqual(2);
    seen.push(...page.transactions.map((t) => t.description));
    cursor = page.nextCursor;
  } while (cursor);
  expect(seen).toEqual(["Opening deposit", "Entry 4", "Entry 3", "Entry 2", "Entry 1"]);

  const badPages: Record<string, string | number>[] = [
    { limit: 101 },
    { limit: 0 },
    { limit: "ten" },
    { cursor: "not-an-entry" },
  ];
  for (const params of badPages) {
    await expectApiError(await request.get(url, { headers: bearer(token), params }), 400, "bad_request");
  }
  const all = await (await request.get(url, { headers: bearer(token), params: { limit: 100 } })).json();
  expect(all.transactions[1]).toMatchObject({ description: "Entry 4", amount: "-0.04", balanceAfter: "2499.96" });
});
