// What people read is words, not the app's codes: no page shows a stored code (`step_up`,
// `admin_elevation`, `newest-wins`) or a raw user-agent string. Events of every kind are made
// first (lib/session/event-words.ts says each), then every signed-in page is read whole.
import type { Locator, Page } from "@playwright/test";
import {
  adminPanelHeading,
  CUSTOMER_PAGES,
  enterAdminPanel,
  expect,
  openAccount,
  stepUpWithTransfer,
  test,
} from "./support/fixtures";

// snake_case words and the option values, as stored; a user agent's telltale start.
const CODE = /\b[a-z]+_[a-z_]+\b|\b(newest|oldest)-wins\b/;
const RAW_USER_AGENT = /Mozilla\/\d|AppleWebKit|KHTML|HeadlessChrome\//;

async function expectHumanWords(page: Page, path: string, part: Locator = page.locator("body")): Promise<void> {
  const text = await part.innerText();
  expect(text.match(CODE)?.[0], `a code on ${path}`).toBeUndefined();
  expect(text.match(RAW_USER_AGENT)?.[0], `a user agent on ${path}`).toBeUndefined();
}

test("no page shows an internal code or a raw user agent", async ({ page, admin, payee, db, signInAs, newDevice }) => {
  test.slow();
  await signInAs(page, admin);
  // Events of many kinds on the admin's own record: a failed sign-in, a step-up and its rotation,
  // a second session ended from the sessions page; the panel is entered last. (Its option is one
  // setting of the whole server, which other specs set: its words are held by event-words.test.ts.)
  const wrong = (await newDevice(null)).context().request;
  const { csrfToken } = (await (await wrong.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await wrong.post("/api/auth/callback/credentials", {
    form: { email: admin.email, password: "not-the-password", csrfToken, json: "true" },
  });
  await newDevice(admin);
  await page.goto("/transfers");
  await stepUpWithTransfer(page, db, admin, payee);
  await page.goto("/security/sessions");
  await page
    .getByRole("button", { name: /^End session/ })
    .first()
    .click();
  await expect(page.getByRole("button", { name: /^End session/ })).toHaveCount(0);

  for (const path of CUSTOMER_PAGES) {
    await page.goto(path);
    await expectHumanWords(page, path);
  }
  await openAccount(page, "Checking");
  await expectHumanWords(page, "an account's page");
  // The inspector's timeline, open.
  await page.getByText("Session inspector").click();
  await expect(page.locator("details.inspector li").first()).toBeVisible();
  await expectHumanWords(page, "the inspector");
  // The admin panel's log, every user's events, and its option explained.
  const panel = await enterAdminPanel(page);
  await expect(adminPanelHeading(panel)).toBeVisible();
  await expect(panel.getByRole("table", { name: "Security events" })).toContainText("Failed sign-in");
  // Its user list shows every test's users and devices, some of them named by hostile specs.
  await expectHumanWords(panel, "the admin log", panel.getByRole("table", { name: "Security events" }));
  await expectHumanWords(panel, "the admin option", panel.getByRole("region", { name: "Admin single-session option" }));
});
