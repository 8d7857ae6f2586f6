// The frame of every signed-in page: the main navigation marks the page showing (aria-current,
// shown by more than colour), through client navigations too, and the bank has its icon (no
// request of a page load ends in a 404, the browser's icon request included).
import { expect, test } from "./support/fixtures";

test("the navigation marks the page showing, and follows client navigation", async ({ signedInPage: page }) => {
  const nav = page.getByRole("navigation", { name: "Main" });
  const current = nav.locator("[aria-current=page]");
  await page.goto("/transfers");
  await expect(current).toHaveText("Transfer");
  await nav.getByRole("link", { name: "Security" }).click();
  await expect(page.getByRole("heading", { name: "Security", level: 1 })).toBeVisible();
  await expect(current).toHaveText("Security");
  await page.goto("/security/sessions");
  await expect(current, "a page under Security").toHaveText("Security");
  await nav.getByRole("link", { name: "Accounts" }).click();
  await expect(current).toHaveText("Accounts");
  await expect(current).toHaveCount(1);
});

test("a page load asks for nothing that is missing, its icon included", async ({ signedInPage: page }) => {
  const missing: string[] = [];
  page.on("response", (response) => {
    if (response.status() === 404) missing.push(response.url());
  });
  await page.goto("/dashboard");
  await page.waitForLoadState("networkidle");
  const icon = await page.locator("link[rel=icon]").getAttribute("href");
  expect(icon).toBeTruthy();
  const answer = await page.request.get(icon!);
  expect(answer.status()).toBe(200);
  expect(answer.headers()["content-type"]).toContain("image/svg+xml");
  expect(missing).toEqual([]);
});
