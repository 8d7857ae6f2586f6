// Threat: money moved wrongly — negative, malformed or oversized amounts, overdrafts, a
// double-click or retried request paying twice, or a payment meant for one's own account that
// lands elsewhere because the form sent two destinations. Defense: strict amount parsing
// (lib/bank/amount.ts), one conditional-debit transaction, an idempotency key per form
// (lib/bank/transfers.ts), and a form that sends one destination, which the server insists on
// (app/(bank)/transfers/actions.ts). Transfers are high tier; a fresh sign-in counts as step-up (5 min).
import { addAccount, balanceOf, expect, fillTransfer, test } from "./support/fixtures";

const BOTH_DESTINATIONS = "Choose one of your accounts or enter someone else's account number, not both.";

test("a fresh session sends money to another customer and both ledgers show it", async ({
  page,
  user,
  createUser,
  db,
  signInAs,
}) => {
  const payee = await createUser();
  await signInAs(page, user);
  await fillTransfer(page, payee, "125.50", "Rent share");
  // With one account, someone else is the only destination there is.
  await expect(page.getByRole("radio", { name: "One of my accounts" })).toBeDisabled();
  await page.getByRole("button", { name: "Send transfer" }).click();

  await expect(page.getByRole("heading", { name: "Transfer sent" })).toBeVisible();
  await expect(page.getByTestId("transfer-amount")).toHaveText("$125.50");
  await expect(page.getByTestId("balance")).toHaveText("$2,374.50");
  expect(await balanceOf(db, payee.accountId)).toBe(250_000 + 12_550);
  const credit = await db.ledgerEntry.findFirstOrThrow({ where: { accountId: payee.accountId, amountCents: 12_550 } });
  expect(credit.memo).toBe("Rent share");
});

test("bad amounts are refused with a clear message and move nothing", async ({
  page,
  user,
  createUser,
  db,
  signInAs,
}) => {
  const payee = await createUser();
  await signInAs(page, user);
  await page.goto("/dashboard");
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

test("the same submission sent twice makes one transfer", async ({ page, user, createUser, db, signInAs }) => {
  const payee = await createUser();
  await signInAs(page, user);
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

test("my account or someone else: one choice, by mouse or keyboard, and the dashboard shows both legs", async ({
  page,
  user,
  db,
  signInAs,
}) => {
  const savings = await addAccount(db, user, "Savings");
  await signInAs(page, user);
  await page.goto("/transfers");
  const choice = page.getByRole("group", { name: "Send to" });
  const own = choice.getByRole("radio", { name: "One of my accounts" });
  const other = choice.getByRole("radio", { name: "Someone else" });
  const ownAccount = page.getByLabel("To my account");
  const recipientNumber = page.getByLabel("Recipient account number");
  await expect(own).toBeChecked();
  await expect(ownAccount).toBeVisible();
  await expect(recipientNumber).toBeHidden();

  await own.focus();
  await page.keyboard.press("ArrowRight");
  await expect(other).toBeChecked();
  await expect(recipientNumber).toBeVisible();
  await expect(ownAccount).toBeHidden();
  await page.keyboard.press("ArrowLeft");
  await expect(own).toBeChecked();

  await ownAccount.selectOption(savings.number);
  await page.getByLabel("Amount (USD)").fill("100.00");
  await page.getByRole("button", { name: "Send transfer" }).click();
  await expect(page.getByText(`$100.00 sent to Savings ${savings.number}.`)).toBeVisible();
  expect(await balanceOf(db, user.accountId)).toBe(250_000 - 10_000);
  expect(await balanceOf(db, savings.id)).toBe(10_000);

  await page.goto("/dashboard");
  const rows = page.getByRole("table", { name: "Recent activity" }).locator("tbody tr");
  await expect(rows.filter({ hasText: `Transfer to ${savings.number}` })).toContainText("-$100.00");
  await expect(rows.filter({ hasText: `Transfer from ${user.accountNumber}` })).toContainText("+$100.00");
});

test("a change of mind sends to the destination chosen last; a submission naming both is a form error", async ({
  page,
  user,
  createUser,
  db,
  signInAs,
}) => {
  const payee = await createUser();
  const savings = await addAccount(db, user, "Savings");
  await signInAs(page, user);
  await page.goto("/dashboard");
  const chooseSavingsThenSomeoneElse = async () => {
    await page.goto("/transfers");
    await page.getByLabel("To my account").selectOption(savings.number);
    await page.getByRole("radio", { name: "Someone else" }).check();
    await page.getByLabel("Recipient account number").fill(payee.accountNumber);
    await page.getByLabel("Amount (USD)").fill("5.00");
  };

  await chooseSavingsThenSomeoneElse();
  await page.getByRole("button", { name: "Send transfer" }).click();
  await expect(page.getByText(`$5.00 sent to ${payee.accountNumber}.`)).toBeVisible();
  expect(await balanceOf(db, payee.accountId)).toBe(250_000 + 500);

  // The form sends only the chosen destination; a crafted request sends the other one as well.
  await chooseSavingsThenSomeoneElse();
  await page.getByLabel("To my account").evaluate((select: HTMLSelectElement) => (select.disabled = false));
  const answer = page.waitForResponse((r) => r.request().method() === "POST" && r.url().endsWith("/transfers"));
  await page.getByRole("button", { name: "Send transfer" }).click();
  expect((await answer).status()).toBe(200);
  await expect(page.getByText(BOTH_DESTINATIONS)).toBeVisible();
  await expect(page.getByRole("group", { name: "Send to" })).toHaveAccessibleDescription(BOTH_DESTINATIONS);
  expect(await db.transfer.count({ where: { userId: user.id } })).toBe(1);
  expect(await balanceOf(db, savings.id)).toBe(0);
  expect(await balanceOf(db, payee.accountId)).toBe(250_000 + 500);
});

test("without JavaScript the choice still decides where the money goes", async ({
  page,
  browser,
  baseURL,
  user,
  createUser,
  db,
  signInAs,
}) => {
  const payee = await createUser();
  const savings = await addAccount(db, user, "Savings");
  await signInAs(page, user);
  await page.goto("/dashboard");
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  await context.addCookies(await page.context().cookies());
  const noScript = await context.newPage();

  await noScript.goto("/transfers");
  await noScript.getByLabel("To my account").selectOption(savings.number);
  await noScript.getByLabel("Amount (USD)").fill("10.00");
  await noScript.getByRole("button", { name: "Send transfer" }).click();
  await expect(noScript.getByRole("heading", { name: "Transfer sent" })).toBeVisible();

  // Both fields are in this form (nothing can disable the hidden one): the select's own
  // "Choose an account" is what it sends when someone else is chosen.
  await fillTransfer(noScript, payee, "20.00");
  await expect(noScript.getByLabel("To my account")).toBeHidden();
  await noScript.getByRole("button", { name: "Send transfer" }).click();
  await expect(noScript.getByRole("heading", { name: "Transfer sent" })).toBeVisible();

  expect(await balanceOf(db, user.accountId)).toBe(250_000 - 1_000 - 2_000);
  expect(await balanceOf(db, savings.id)).toBe(1_000);
  expect(await balanceOf(db, payee.accountId)).toBe(250_000 + 2_000);
  await context.close();
});
