// Attack (lab flaw `no-cache-control`): the victim signs out on a shared computer; the next
// person presses Back and reads the balances the browser kept.
import { attackOutcome, expectAttack, test } from "../support/fixtures";

test("Back after sign-out shows the victim's balances", async ({ signedInPage: page, user, target }) => {
  await page.goto(`/accounts/${user.accountId}`);
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/signin/);

  await page.goBack();
  await page.waitForLoadState();
  const balancesShown = await attackOutcome(page, page.getByTestId("balance"));
  expectAttack(target, balancesShown);
});
