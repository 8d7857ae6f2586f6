// Threat: demo credentials advertised by a real deployment. A sign-in page that prints
// passwords invites anyone to try them, and a production database seeded by mistake (or restored
// from a demo) would let them in. Defense: the sign-in page lists the seeded accounts
// (prisma/seed.ts) only on a development server (NODE_ENV=development) and in lab mode; a
// production server renders nothing of them, not even in the data the page hands to the
// browser (app/signin/demo-accounts.ts).
import { expectAccessible } from "./support/accessibility";
import type { DirectServer } from "./support/direct-server";
import { expect, test } from "./support/fixtures";
import { DEMO_USERS } from "../prisma/seed";

test("a production server's sign-in page names no demo account, not even in its data", async ({ page, request }) => {
  // LAB ONLY
  test.skip(!!process.env.MUTATE_FLAWS, "MUTATE_FLAWS makes the secure server a lab");
  // END LAB ONLY
  const html = await (await request.get("/signin")).text();
  for (const { email, password } of DEMO_USERS) {
    expect(html).not.toContain(email);
    expect(html).not.toContain(password);
  }
  await page.goto("/signin");
  await expect(page.getByRole("heading", { name: "Sign in to Vaultline" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Demo accounts" })).toHaveCount(0);
});

// LAB ONLY
test.describe("on a lab server", () => {
  let server: DirectServer;
  test.beforeAll(async ({ ownServer }, testInfo) => {
    testInfo.setTimeout(120_000);
    server = await ownServer({ name: "demo-accounts", database: "sqlite", flaws: "", lab: true });
  });

  test("the sign-in page lists every demo account, and one button fills in the form", async ({ browser }) => {
    const context = await browser.newContext({ baseURL: server.baseURL });
    const page = await context.newPage();
    await page.goto("/signin");
    const list = page.getByRole("region", { name: "Demo accounts" });
    for (const { email, password } of DEMO_USERS) {
      await expect(list).toContainText(email);
      await expect(list).toContainText(password);
    }
    await expectAccessible(page, "sign-in with the demo accounts");

    const alice = DEMO_USERS[0]!;
    await list.getByRole("button", { name: `Fill in ${alice.name}` }).click();
    await expect(page.getByLabel("Email")).toHaveValue(alice.email);
    await expect(page.getByLabel("Password")).toHaveValue(alice.password);
    await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: `Welcome, ${alice.name}` })).toBeVisible();
    await context.close();
  });
});
// END LAB ONLY
