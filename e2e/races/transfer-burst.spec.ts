// Threat: a burst of payments from one account over several instances and both entry points
// (web form and API) overdraws it, or turns into errors and timeouts as the instances' pools fill
// with transactions queued on the payer's row, so that whichever entry point is slower never
// gets a payment through. Defense: the debit is one conditional UPDATE the database serialises
// (lib/bank/transfers.ts); a transfer's transaction holds a pooled connection only for its few
// statements, and its wait for the pool and for locks fits inside its time limit
// (TRANSACTION_OPTIONS, lib/db.ts). Proof: each round sends RACE_WIDTH distinct transfers at once,
// half through the web form's server action and half through the API, spread over both
// instances, with funds for half of them: exactly that many go through, the rest are refused
// for funds, no answer is an error, the payer is never overdrawn, and over the rounds both web
// and API payments succeed.
import { randomUUID } from "node:crypto";
import { expectBooksBalanced } from "../support/ledger";
import { actionIdOf, expect, race, RACE_WIDTH, test } from "../support/races";
import { deposit, dollars, sendByApi, sendByForm, type TransferAnswer } from "../support/transfer-races";

const OPENING_BALANCE_CENTS = 250_000;
const COVERED = RACE_WIDTH / 2;
const ROUND_DEPOSIT_CENTS = COVERED * 1_000;

type Entry = "web" | "api";

test.describe("a burst of transfers from one payer over two instances, web and API", { tag: "@postgres" }, () => {
  // 20 rounds of 8 requests on two production servers, and the books read after each round: as
  // the other race specs, 5 minutes for a loaded machine (a web round took 4 s at load 20 on two cores).
  test.describe.configure({ timeout: 300_000 });
  test("funds for half the burst: exactly that many go through, the rest refused for funds, never an error", async ({
    instances,
    createUser,
    openSession,
    db,
  }) => {
    const [payer, payee] = [await createUser(), await createUser()];
    const [web, api] = [await openSession(payer), await openSession(payer, { client: "api" })];
    const actionId = await actionIdOf(instances[0]!.baseURL, "/transfers", web);
    // The i-th sender: instance i % 2 (as race() spreads them), then web and API in turn.
    const entryOf = (i: number): Entry => (Math.floor(i / 2) % 2 === 0 ? "web" : "api");
    const sent: Record<Entry, number> = { web: 0, api: 0 };
    let total = 2 * OPENING_BALANCE_CENTS;

    await race(instances, {
      setup: async () => {
        total += ROUND_DEPOSIT_CENTS;
        const balance = await deposit(db, payer.accountId, ROUND_DEPOSIT_CENTS);
        // Each share a quarter of the balance, rounded down: four fit, a fifth does not.
        return { amount: dollars(Math.floor(balance / COVERED)) };
      },
      fire: async ({ amount }, i, baseURL): Promise<{ entry: Entry; answer: TransferAnswer }> => {
        const payment = { from: payer, to: payee, amount, key: randomUUID() };
        const entry = entryOf(i);
        const answer =
          entry === "web" ? await sendByForm(baseURL, actionId, web, payment) : await sendByApi(baseURL, api, payment);
        return { entry, answer };
      },
      check: async (_state, results, round) => {
        const answers = results.map((r) => r.answer);
        expect(
          answers.filter((a) => a.kind !== "sent" && !(a.kind === "refused" && /Insufficient funds/.test(a.message))),
          `round ${round}: every answer a transfer or a refusal for funds`,
        ).toEqual([]);
        expect(
          answers.filter((a) => a.kind === "sent"),
          `round ${round}: transfers made`,
        ).toHaveLength(COVERED);
        for (const { entry, answer } of results) if (answer.kind === "sent") sent[entry]++;
        expect(
          await db.ledgerEntry.count({ where: { accountId: payer.accountId, balanceAfterCents: { lt: 0 } } }),
          `round ${round}: the payer never overdrawn`,
        ).toBe(0);
        await expectBooksBalanced(db, [payer, payee], total);
      },
    });

    expect(sent.web, `transfers made through the web form (API: ${sent.api})`).toBeGreaterThan(0);
    expect(sent.api, `transfers made through the API (web: ${sent.web})`).toBeGreaterThan(0);
  });
});
