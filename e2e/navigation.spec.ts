// The frame of every signed-in page: the main navigation marks the page showing (aria-current,
// shown by more than colour), through client navigations too, and the bank has its icon (no
// request of a page load ends in a 404, the browser's icon request included). On a phone the
// navigation folds behind a menu button; administrators, and only they, have "Admin" in it.
import { CUSTOMER_PAGES, expect, makeStepUpDue, test } from "./support/fixtures";

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

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the navigation folds behind a menu button, which the keyboard opens and closes", async ({
    signedInPage: page,
  }) => {
    await page.goto("/dashboard");
    const menu = page.getByRole("button", { name: "Menu" });
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(nav).toBeHidden();
    await menu.focus();
    await page.keyboard.press("Enter");
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await expect(nav.getByRole("link", { name: "Accounts" })).toHaveAttribute("aria-current", "page");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Escape");
    await expect(nav).toBeHidden();
    await expect(menu).toBeFocused();
    await menu.click();
    await nav.getByRole("link", { name: "Security" }).click();
    await expect(page.getByRole("heading", { name: "Security", level: 1 })).toBeVisible();
    await expect(nav, "closed again on the next page").toBeHidden();
  });
});

test("administrators have the admin panel in the navigation; entering it still asks for step-up", async ({
  page,
  admin,
  signInAs,
  db,
}) => {
  await signInAs(page, admin);
  await makeStepUpDue(db, admin);
  await page.goto("/dashboard");
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Admin" }).click();
  await expect(nav.locator("[aria-current=page]")).toHaveText("Admin");
  await expect(page.getByRole("group", { name: "Confirm it's you" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Users and live sessions" })).toHaveCount(0);
});

test("customers never see the admin panel in the navigation", async ({ signedInPage: page }) => {
  for (const path of CUSTOMER_PAGES) {
    await page.goto(path);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Profile" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Admin" })).toHaveCount(0);
  }
});
