// Threat: reaching account data without a valid session, or seeing another customer's
// transactions in a list that gathers several accounts. Defense: every page calls
// requireSession with its tier (lib/session/guard.ts; scripts/protection-inventory.test.ts fails on
// a page without it, and the pages visited signed out here are the ones it finds), and account
// queries are scoped by owner (lib/bank/accounts.ts), the dashboard's recent activity included.
// Another customer's records named by ID: e2e/object-level-access.spec.ts.
import { randomUUID } from "node:crypto";
import { protectedPagePaths } from "../scripts/protection-inventory";
import { apiSignIn, apiTransfer } from "./support/api";
import { accountLink, addAccount, expect, test, TEST_PASSWORD } from "./support/fixtures";

const DAY_MS = 24 * 60 * 60 * 1000;

test("a signed-in customer sees balances and the transaction history", async ({ signedInPage: page, user }) => {
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: `Welcome, ${user.name}` })).toBeVisible();
  await expect(page.getByTestId("balance")).toHaveText("$2,500.00");
  await accountLink(page, /Checking/).click();
  await expect(page.getByRole("cell", { name: "Opening deposit" })).toBeVisible();
  await page.getByRole("link", { name: "Profile" }).click();
  await expect(page.getByText(user.email)).toBeVisible();
});

test("without a session every protected page sends the visitor to sign in", async ({ page, request, user, db }) => {
  // A page with an ID in its path is visited at a real record of this user's: what must stop the
  // visit is the missing session, not a missing record.
  const savings = await addAccount(db, user, "Savings");
  const token = await apiSignIn(request, user);
  const body = { fromAccountId: user.accountId, toAccountNumber: savings.number, amount: "1.00" };
  const sent = await apiTransfer(request, token, body, randomUUID());
  expect(sent.status()).toBe(201);
  const realPaths: Record<string, string> = {
    "/accounts/[id]": `/accounts/${user.accountId}`,
    "/transfers/[id]": `/transfers/${(await sent.json()).transfer.id}`,
  };

  const pages = protectedPagePaths();
  expect(pages).toContain("/dashboard");
  for (const pattern of pages) {
    const path = pattern.includes("[") ? realPaths[pattern] : pattern;
    expect(path, `${pattern}: give it one of this user's records above`).toBeDefined();
    await page.goto(path!);
    await expect(page, `${path} sends to sign in`).toHaveURL(/\/signin/);
    await expect(page.getByLabel("Email")).toBeVisible();
  }
});

test("the dashboard's recent activity: the latest ten entries of the user's accounts, newest first, never another customer's", async ({
  page,
  request,
  user,
  createUser,
  db,
  signInAs,
}) => {
  const savings = await addAccount(db, user, "Savings");
  // Eleven card payments a day apart, older than the opening deposit, over both accounts.
  for (let day = 1; day <= 11; day++) {
    await db.ledgerEntry.create({
      data: {
        accountId: day % 2 ? user.accountId : savings.id,
        amountCents: -day * 100,
        balanceAfterCents: 0,
        description: `Card payment ${day}`,
        createdAt: new Date(Date.now() - day * DAY_MS),
      },
    });
  }
  // A stranger pays the user (the user's credit is theirs, the stranger's debit is not) and has
  // a newer entry of their own: a query missing its owner would list those first.
  const stranger = await createUser();
  const token = await apiSignIn(request, stranger);
  const sent = await apiTransfer(
    request,
    token,
    { fromAccountId: stranger.accountId, toAccountNumber: user.accountNumber, amount: "12.34", memo: "Lunch money" },
    randomUUID(),
  );
  expect(sent.status()).toBe(201);
  await db.ledgerEntry.create({
    data: {
      accountId: stranger.accountId,
      amountCents: -999,
      balanceAfterCents: 0,
      description: "Stranger's own payment",
      memo: "Stranger's memo",
    },
  });

  await signInAs(page, user);
  await page.goto("/dashboard");
  const activity = page.getByRole("table", { name: "Recent activity" });
  const rows = activity.locator("tbody tr");
  await expect(rows).toHaveCount(10);
  await expect(rows.locator("td:nth-child(3)")).toHaveText([
    `Transfer from ${stranger.accountNumber}`,
    "Opening deposit",
    ...Array.from({ length: 8 }, (_, i) => `Card payment ${i + 1}`),
  ]);
  await expect(rows.first()).toContainText("Lunch money");
  await expect(rows.first().locator("td").last()).toHaveText("+$12.34");
  await expect(rows.nth(2).locator("td").last()).toHaveText("-$1.00");
  await expect(activity).not.toContainText("Transfer to");
  await expect(activity).not.toContainText("Stranger's");

  // Each row links to its account's history.
  await expect(rows.nth(2).getByRole("link")).toHaveText("Checking");
  await rows.nth(3).getByRole("link", { name: "Savings" }).click();
  await expect(page).toHaveURL(new RegExp(`/accounts/${savings.id}$`));
  await expect(page.getByRole("heading", { name: "Savings" })).toBeVisible();
});

test("a customer without transactions sees that said, not an empty table", async ({
  page,
  db,
  passwordHash,
  signInAs,
}) => {
  const email = `test-${randomUUID().slice(0, 8)}@vaultline.test`;
  await db.user.create({ data: { email, name: "Nora New", passwordHash } });
  await signInAs(page, { email, password: TEST_PASSWORD });
  await page.goto("/dashboard");
  await expect(page.getByText("You have no accounts yet.")).toBeVisible();
  await expect(page.getByText("No transactions yet.")).toBeVisible();
  await expect(page.getByRole("table", { name: "Recent activity" })).toHaveCount(0);
});
