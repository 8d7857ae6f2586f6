// Threat: money moved wrongly — negative, malformed or oversized amounts, overdrafts, a
// double-click or retried request paying twice. Defense: strict amount parsing
// (lib/bank/amount.ts), one conditional-debit transaction, and an idempotency key per form
// (lib/bank/transfers.ts). Transfers are high tier; a fresh sign-in counts as step-up (5 min).
import { balanceOf, expect, fillTransfer, signIn, test } from "./support/fixtures";

test("a fresh session sends money to another customer and both ledgers show it", async ({ page, user, createUser, db }) => {
  const payee = await createUser();
  await signIn(page, user);
  await fillTransfer(page, payee, "125.50", "Rent share");
  await page.getByRole("button", { name: "Send transfer" }).click();

  await expect(page.getByRole("heading", { name: "Transfer sent" })).toBeVisible();
  await expect(page.getByTestId("transfer-amount")).toHaveText("$125.50");
  await expect(page.getByTestId("balance")).toHaveText("$2,374.50");
  expect(await balanceOf(db, payee.accountId)).toBe(250_000 + 12_550);
  const credit = await db.ledgerEntry.findFirstOrThrow({ where: { accountId: payee.accountId, amountCents: 12_550 } });
  expect(credit.memo).toBe("Rent share");
});

test("bad amounts are refused with a clear message and move nothing", async ({ page, user, createUser, db }) => {
  const payee = await createUser();
  await signIn(page, user);
  const cases: [string, string][] = [
    ["-5", "Enter a positive amount."],
    ["0", "Enter an amount greater than zero."],
    ["1.234", "Amounts have at most two decimal places."],
    ["1e3", "Enter an amount in dollars and cents, like 12.34."],
    ["10000.01", "A single transfer can be at most $10,000.00."],
  ];
  for (const [amount, message] of cases) {
    await fillTransfer(page, payee, amount);
    await page.getByRole("button", { name: "Send transfer" }).click();
    await expect(page.getByText(message)).toBeVisible();
    await expect(page.getByLabel("Amount (USD)")).toHaveValue(amount);
  }
  await fillTransfer(page, payee, "2500.01");
  await page.getByRole("button", { name: "Send transfer" }).click();
  await expect(page.getByText("Insufficient funds for this transfer.")).toBeVisible();
  await fillTransfer(page, { accountNumber: "VL-0000-0000" }, "5");
  await page.getByRole("button", { name: "Send transfer" }).click();
  await expect(page.getByText("No account has that number.")).toBeVisible();
  expect(await balanceOf(db, user.accountId)).toBe(250_000);
  expect(await db.transfer.count({ where: { userId: user.id } })).toBe(0);
});

test("the same submission sent twice makes one transfer", async ({ page, user, createUser, db }) => {
  const payee = await createUser();
  await signIn(page, user);
  await fillTransfer(page, payee, "40.00");
  // Replays the form's POST (same idempotency key) before letting the original through,
  // as a double-click or a network retry would.
  await page.route("**/transfers", async (route) => {
    if (route.request().method() === "POST") await route.fetch();
    await route.continue();
  });
  await page.getByRole("button", { name: "Send transfer" }).click();
  await expect(page.getByRole("heading", { name: "Transfer sent" })).toBeVisible();

  expect(await db.transfer.count({ where: { userId: user.id } })).toBe(1);
  expect(await balanceOf(db, user.accountId)).toBe(250_000 - 4_000);
  expect(await balanceOf(db, payee.accountId)).toBe(250_000 + 4_000);
});
