// Threat: a client retries a transfer (a timeout, a flaky network, a double-clicked button) while
// the original is still running, and is told "refused" for a transfer that was made, or "made"
// for one that was refused: it sends again under a new key and pays twice, or never learns it
// paid. Defense: the idempotency key is claimed first inside the transfer's transaction
// (claimTransferKey, lib/bank/transfers.ts): a retry with the same key waits on the unique index
// for the original, then answers with its outcome, the transfer or the very refusal it got,
// which is stored under the key; a retry that waited too long is told "still in progress"
// (the API's 409 transfer_in_progress, with Retry-After), never anything else. Proof: every round
// sends one transfer RACE_WIDTH times at once with the same key over both instances, through the
// API or the web form's server action, with funds for exactly one (it must be made once) or too
// few (it must be refused, and stay refused after the money arrives).
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db";
import type { TestUser } from "../support/fixtures";
import { expectBooksBalanced } from "../support/ledger";
import type { DirectServer } from "../support/direct-server";
import { actionIdOf, expect, race, test } from "../support/races";
import { deposit, dollars, sendByApi, sendByForm, type Payment, type TransferAnswer } from "../support/transfer-races";

const OPENING_BALANCE_CENTS = 250_000;
const ROUND_DEPOSIT_CENTS = 1_000;

/** Sends a copy to the instance at `baseURL`. */
type Send = (payment: Payment, baseURL: string) => Promise<TransferAnswer>;
type Race = { instances: DirectServer[]; db: Db; payer: TestUser; payee: TestUser; send: Send };

/** Each round: a fresh key, the payer's whole balance as the amount (funds for one, not two). */
async function raceMadeOnce({ instances, db, payer, payee, send }: Race) {
  let total = 2 * OPENING_BALANCE_CENTS;
  await race(instances, {
    setup: async () => {
      total += ROUND_DEPOSIT_CENTS;
      const balance = await deposit(db, payer.accountId, ROUND_DEPOSIT_CENTS);
      return { payment: { from: payer, to: payee, amount: dollars(balance), key: randomUUID() }, balance };
    },
    fire: ({ payment }, _i, baseURL) => send(payment, baseURL),
    check: async ({ payment, balance }, answers, round) => {
      const sent = answers.filter((a) => a.kind === "sent");
      expect(
        answers.filter((a) => a.kind !== "sent" && a.kind !== "in-progress"),
        `round ${round}: every answer the transfer or "in progress"`,
      ).toEqual([]);
      expect(new Set(sent.map((a) => a.id)).size, `round ${round}: one transfer id in every answer`).toBe(1);
      const made = await db.transfer.findMany({ where: { userId: payer.id, idempotencyKey: payment.key } });
      expect(
        made.map((t) => t.id),
        `round ${round}: exactly one transfer row`,
      ).toEqual([sent[0]!.id]);
      expect(made[0]!.amountCents).toBe(balance);
      expect((await db.account.findUniqueOrThrow({ where: { id: payer.accountId } })).balanceCents).toBe(0);
      await expectBooksBalanced(db, [payer, payee], total);
    },
  });
}

/** Each round: an amount just over the balance; after the race the money arrives, and a retry is still refused. */
async function raceRefused({ instances, db, payer, payee, send }: Race) {
  let total = 2 * OPENING_BALANCE_CENTS;
  await race(instances, {
    setup: async () => {
      const { balanceCents } = await db.account.findUniqueOrThrow({ where: { id: payer.accountId } });
      return { from: payer, to: payee, amount: dollars(balanceCents + 100), key: randomUUID() };
    },
    fire: (payment, _i, baseURL) => send(payment, baseURL),
    check: async (payment, answers, round) => {
      const refusals = answers.filter((a) => a.kind === "refused");
      expect(
        answers.filter((a) => a.kind !== "refused" && a.kind !== "in-progress"),
        `round ${round}: every answer the refusal or "in progress"`,
      ).toEqual([]);
      expect(new Set(refusals.map((a) => a.message)), `round ${round}: one refusal`).toEqual(
        new Set(["Insufficient funds for this transfer."]),
      );
      // The funds now cover it: a retry is the same request, and gets the same answer.
      total += 200;
      await deposit(db, payer.accountId, 200);
      expect(
        await send(payment, instances[round % instances.length]!.baseURL),
        `round ${round}: a retry after the money arrived`,
      ).toEqual(refusals[0]);
      expect(await db.transfer.count({ where: { userId: payer.id, idempotencyKey: payment.key } })).toBe(0);
      await expectBooksBalanced(db, [payer, payee], total);
    },
  });
}

test.describe("the same transfer sent many times at once, over two instances", { tag: "@postgres" }, () => {
  // 20 rounds of 8 requests on two production servers, and the books read after each round: as
  // the other race specs, 5 minutes for a loaded machine (a web round took 4 s at load 20 on two cores).
  test.describe.configure({ timeout: 300_000 });
  test("API retries with one Idempotency-Key: one transfer, every answer that transfer or in progress", async ({
    instances,
    createUser,
    openSession,
    db,
  }) => {
    const [payer, payee] = [await createUser(), await createUser()];
    const session = await openSession(payer, { client: "api" });
    await raceMadeOnce({ instances, db, payer, payee, send: (payment, url) => sendByApi(url, session, payment) });
  });

  test("API retries of a refused transfer: the same refusal or in progress, and refused still once funds arrive", async ({
    instances,
    createUser,
    openSession,
    db,
  }) => {
    const [payer, payee] = [await createUser(), await createUser()];
    const session = await openSession(payer, { client: "api" });
    await raceRefused({ instances, db, payer, payee, send: (payment, url) => sendByApi(url, session, payment) });
  });

  test("the web form sent many times: one transfer, every answer its receipt or in progress", async ({
    instances,
    createUser,
    openSession,
    db,
  }) => {
    const [payer, payee] = [await createUser(), await createUser()];
    const session = await openSession(payer);
    const actionId = await actionIdOf(instances[0]!.baseURL, "/transfers", session);
    await raceMadeOnce({
      instances,
      db,
      payer,
      payee,
      send: (payment, url) => sendByForm(url, actionId, session, payment),
    });
  });

  test("the web form of a refused transfer sent many times: the same refusal, still once funds arrive", async ({
    instances,
    createUser,
    openSession,
    db,
  }) => {
    const [payer, payee] = [await createUser(), await createUser()];
    const session = await openSession(payer);
    const actionId = await actionIdOf(instances[0]!.baseURL, "/transfers", session);
    await raceRefused({
      instances,
      db,
      payer,
      payee,
      send: (payment, url) => sendByForm(url, actionId, session, payment),
    });
  });
});
