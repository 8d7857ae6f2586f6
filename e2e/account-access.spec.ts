// Threat: reaching account data without a valid session, or another customer's account by
// changing an ID in the URL. Defense: every page calls requireSession with its tier
// (lib/session/guard.ts), and account queries are scoped by owner (lib/bank/accounts.ts).
import { expect, signIn, test } from "./support/fixtures";

test("a signed-in customer sees balances and the transaction history", async ({ page, user }) => {
  await signIn(page, user);
  await expect(page.getByRole("heading", { name: `Welcome, ${user.name}` })).toBeVisible();
  await expect(page.getByTestId("balance")).toHaveText("$2,500.00");
  await page.getByRole("link", { name: /Checking/ }).click();
  await expect(page.getByRole("cell", { name: "Opening deposit" })).toBeVisible();
  await page.getByRole("link", { name: "Profile" }).click();
  await expect(page.getByText(user.email)).toBeVisible();
});

test("without a session every bank page sends the visitor to sign in", async ({ page, user }) => {
  for (const path of ["/dashboard", `/accounts/${user.accountId}`, "/profile"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/signin/);
    await expect(page.getByLabel("Email")).toBeVisible();
  }
});

test("another customer's account is not found", async ({ page, user, createUser }) => {
  const other = await createUser();
  await signIn(page, user);
  const response = await page.goto(`/accounts/${other.accountId}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByTestId("balance")).toHaveCount(0);
});
