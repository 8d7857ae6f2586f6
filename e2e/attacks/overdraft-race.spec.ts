// Attack (lab flaw `overdraft-race`): a customer sends ten transfers of their whole balance at
// once, each with its own Idempotency-Key, to a bank running on two instances. With the balance
// read, compared in the app and then written, a transfer on one instance reads the balance while
// the other instance's transfer has debited it but not committed, passes the check, and is then
// written anyway: the account ends below zero, money from nothing. With the check and the debit
// in one conditional UPDATE, exactly one goes through and the others are refused for funds.
// Two instances, because one Node process on SQLite runs each request's synchronous queries
// without yielding to the next request: a lone server hides the race, as a lone test hides it.
import { randomUUID } from "node:crypto";
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { apiSignIn, apiTransfer } from "../support/api";
import { freePort, startInstances, type DirectServer } from "../support/direct-server";
import type { Db } from "@/lib/db";
import { balanceOf, expect, expectAttack, test as base, type TestUser } from "../support/fixtures";
import { serverFlaws } from "../support/servers";

const AT_ONCE = 10;

const test = base.extend<object, { instances: DirectServer[] }>({
  // Two instances of the target deployment (its flaws, its database kind), on one database.
  instances: [
    async ({}, use, workerInfo) => {
      const target = (workerInfo.project.use as { target?: string }).target === "flawed" ? "flawed" : "secure";
      const instances = await startInstances({
        name: `overdraft-race-${target}-${workerInfo.parallelIndex}`,
        database: "sqlite",
        ports: [await freePort(), await freePort()],
        flaws: serverFlaws(target),
      });
      await use(instances);
      await Promise.all(instances.map((instance) => instance.stop()));
    },
    { scope: "worker", timeout: 180_000 },
  ],
  db: [async ({ instances }, use) => use(instances[0]!.db), { scope: "worker" }],
});

/** Up to this many bursts, each from a fresh customer: one lucky interleaving is all the attack needs. */
const ATTEMPTS = 5;

test("ten transfers of the whole balance sent at once over two instances overdraw the account", async ({
  instances,
  createUser,
  payee,
  db,
  target,
}) => {
  const clients = await Promise.all(
    instances.map((instance) => playwrightRequest.newContext({ baseURL: instance.baseURL })),
  );
  let overdrawn = false;
  for (let attempt = 0; attempt < ATTEMPTS && !overdrawn; attempt++) {
    overdrawn = await overdraws(clients, db, await createUser(), payee);
  }
  await Promise.all(clients.map((client) => client.dispose()));
  expectAttack(target, overdrawn);
});

/** One burst of transfers of the customer's whole balance: whether it left the balance below zero. */
async function overdraws(clients: APIRequestContext[], db: Db, customer: TestUser, payee: TestUser): Promise<boolean> {
  const balance = await balanceOf(db, customer.accountId);
  const token = await apiSignIn(clients[0]!, customer);
  const body = {
    fromAccountId: customer.accountId,
    toAccountNumber: payee.accountNumber,
    amount: (balance / 100).toFixed(2),
  };

  // Each instance runs a transfer first (refused: more than the balance), as a bank in service
  // has: a cold instance loads its code on the first request and would come in late.
  for (const client of clients) {
    const tooMuch = { ...body, amount: ((balance + 1) / 100).toFixed(2) };
    expect((await apiTransfer(client, token, tooMuch, randomUUID())).status()).toBe(422);
  }

  const answers = await Promise.all(
    Array.from({ length: AT_ONCE }, (_, i) => apiTransfer(clients[i % 2]!, token, body, randomUUID())),
  );

  // Every answer is a transfer made or a refusal for funds, never an error.
  expect(answers.map((a) => a.status()).filter((s) => s !== 201 && s !== 422)).toEqual([]);
  const made = answers.filter((a) => a.status() === 201).length;
  expect(await db.transfer.count({ where: { userId: customer.id } })).toBe(made);
  const after = await balanceOf(db, customer.accountId);
  expect(after, "the balance is what the transfers made left").toBe(balance - made * balance);
  return after < 0;
}
