// Threat: a development CSP so strict that Next's own dev tools break (the error overlay never
// opens, the stack stays in the terminal) pushes developers to switch the policy off, and then
// nobody sees a violation until production. Defense: `next dev` gets a CSP of its own
// (contentRules in lib/security-headers.ts: inline styles for the overlay and indicator, eval for
// fast refresh), still nonce-based for scripts; the production policy is unchanged
// (security-headers.spec.ts). Every CSP violation fails a test (e2e/support/fixtures.ts).
//
// A page that throws is added to a copy of the app the development server runs
// (e2e/support/dev-server.ts): the app itself has none, and the working tree stays untouched.
import type { Page } from "@playwright/test";
import { startDevServer, type DevServer } from "./support/dev-server";
import { expect, test } from "./support/fixtures";
import { spareServerPort } from "./support/servers";

const MESSAGE = "The account service returned nothing (thrown on purpose by the dev-overlay spec)";

const probePage = (body: string) => `export default async function Probe(): Promise<React.ReactNode> {\n  ${body}\n}\n`;
const THROWING_PAGE = probePage(`throw new Error(${JSON.stringify(MESSAGE)});`);

let dev: DevServer;

test.describe.configure({ mode: "serial", timeout: 120_000 });

test.beforeAll(async () => {
  // The first start compiles the instrumentation, the proxy and the sign-in page: slow on two cores.
  test.setTimeout(240_000);
  dev = await startDevServer({
    name: "dev-overlay",
    port: spareServerPort(4),
    pages: { "(bank)/throws": THROWING_PAGE, "(bank)/edited": probePage(`return <h1>Before the edit</h1>;`) },
  });
});

test.afterAll(async () => {
  await dev?.stop();
});

/** Console errors that name the Content-Security-Policy (the fixture also fails on any violation event). */
function cspConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) errors.push(message.text());
  });
  return errors;
}

test("development keeps a nonce-based CSP", async ({ request }) => {
  const policy = (await request.get(`${dev.baseURL}/signin`)).headers()["content-security-policy"];
  expect(policy).toMatch(/script-src 'nonce-[^']+' 'strict-dynamic' 'unsafe-eval'/);
  expect(policy).toContain("frame-ancestors 'none'");
});

test("a page that throws shows Next's error overlay with the error, and no CSP violation", async ({ page }) => {
  const cspErrors = cspConsoleErrors(page);
  await page.goto(`${dev.baseURL}/throws`);
  // Next lists an error its error boundary caught as an issue on its indicator; one click opens it.
  await page.locator("nextjs-portal").getByRole("button", { name: "Open 1 issue" }).click();
  const overlay = page.locator("nextjs-portal").getByRole("dialog", { name: "Runtime Error" });
  await expect(overlay.getByText(MESSAGE).first()).toBeVisible();
  await expect(overlay.getByText("app/(bank)/throws/page.tsx").first()).toBeVisible();
  expect(cspErrors).toEqual([]);
});

test("hot reload shows an edited page without a reload, and no CSP violation", async ({ page }) => {
  const cspErrors = cspConsoleErrors(page);
  await page.goto(`${dev.baseURL}/edited`);
  await expect(page.getByRole("heading", { name: "Before the edit" })).toBeVisible();
  await expect(page.locator("nextjs-portal").getByRole("button", { name: "Open Next.js Dev Tools" })).toBeVisible();
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  dev.writePage("(bank)/edited", probePage(`return <h1>After the edit</h1>;`));
  await expect(page.getByRole("heading", { name: "After the edit" })).toBeVisible({ timeout: 60_000 });
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  expect(cspErrors).toEqual([]);
});
