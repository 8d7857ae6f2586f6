// Threat: the browser keeps authenticated pages, so after sign-out the next person at the
// computer presses Back and reads the balances. Defense: every page is sent with
// `Cache-Control: no-store` (lib/session/headers.ts, applied by proxy.ts), and sign-out answers
// with Clear-Site-Data.
import { expect, test } from "./support/fixtures";

test("authenticated pages are sent with Cache-Control: no-store", async ({ signedInPage: page, user }) => {
  for (const path of ["/dashboard", `/accounts/${user.accountId}`, "/profile"]) {
    const response = await page.goto(path);
    expect(response?.headers()["cache-control"], path).toBe("no-store");
  }
});

test("Back after sign-out shows no balances", async ({ signedInPage: page, user }) => {
  await page.goto(`/accounts/${user.accountId}`);
  await expect(page.getByTestId("balance")).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);

  await page.goBack();
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByTestId("balance")).toHaveCount(0);
});
