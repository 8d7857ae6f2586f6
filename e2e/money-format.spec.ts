// Amounts are written one way everywhere (lib/money.ts): a balance plainly ("$2,487.70"), a
// ledger entry with its sign ("+$2,500.00", "-$12.30"), the same on the dashboard's recent
// activity, the account's history and the transfer receipt, for the sender and the payee alike.
import type { Page } from "@playwright/test";
import { accountLink, expect, fillTransfer, test } from "./support/fixtures";

/** The amount cell of the entry described `description` in a ledger table. */
function amountOf(page: Page, table: string, description: string | RegExp) {
  return page
    .getByRole("table", { name: table })
    .getByRole("row")
    .filter({ hasText: description })
    .locator("td.num")
    .first();
}

test("every page writes the same amount the same way", async ({ signedInPage: page, user, payee, newDevice }) => {
  await page.goto("/transfers");
  await fillTransfer(page, payee, "12.30");
  await page.getByRole("button", { name: "Send transfer" }).click();
  await expect(page.getByRole("heading", { name: "Transfer sent" })).toBeVisible();
  await expect(page.getByTestId("transfer-amount")).toHaveText("$12.30");
  await expect(page.getByTestId("balance")).toHaveText("$2,487.70");

  for (const [who, view, sign] of [
    [user, page, "-"],
    [payee, await newDevice(payee), "+"],
  ] as const) {
    await view.goto("/dashboard");
    await expect(amountOf(view, "Recent activity", "Opening deposit"), who.email).toHaveText("+$2,500.00");
    await expect(amountOf(view, "Recent activity", /Transfer/), who.email).toHaveText(`${sign}$12.30`);
    await accountLink(view, "Checking").click();
    await expect(view.getByTestId("balance")).toHaveText(sign === "-" ? "$2,487.70" : "$2,512.30");
    await expect(amountOf(view, "Transactions", "Opening deposit"), who.email).toHaveText("+$2,500.00");
    await expect(amountOf(view, "Transactions", /Transfer/), who.email).toHaveText(`${sign}$12.30`);
  }
});
