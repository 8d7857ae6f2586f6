// Threat: an open redirect after sign-in. A phishing mail links to the real bank's sign-in page
// with `?next=` pointing elsewhere; the victim signs in on the genuine site and is then sent to
// the attacker's look-alike ("session expired, sign in again"). Browsers drop a tab, LF or CR
// inside a URL, so `/<tab>/evil.example` becomes `//evil.example`. Defense: lib/auth/safe-next-path.ts
// decides same-origin by parsing against the app's origin, refuses control characters raw or
// encoded, and hands next-auth only the normalized path (the table of payloads is in its unit test).
import type { Page } from "@playwright/test";
import { expect, test, type TestUser } from "./support/fixtures";

const EVIL = "evil.example";

const HOSTILE_NEXT = [
  "/\t/evil.example/phish",
  "/\n/evil.example/phish",
  "/\r/evil.example/phish",
  "/%09/evil.example/phish",
  "//evil.example/phish",
  "/\\evil.example/phish",
  "https://evil.example/phish",
  "//user@evil.example/phish",
  "javascript:alert(document.domain)",
];

/** Signs in through the real form on `/signin?next=…` and waits until the browser has left it. */
async function signInWithNext(page: Page, user: TestUser, next: string): Promise<void> {
  // The attacker's site, served by the test so a redirect there is seen, not a DNS error.
  await page
    .context()
    .route(`**://${EVIL}/**`, (route) => route.fulfill({ contentType: "text/html", body: "<h1>Phished</h1>" }));
  await page.goto(`/signin?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => url.pathname !== "/signin");
}

for (const next of HOSTILE_NEXT) {
  test(`sign-in with next=${JSON.stringify(next)} stays on the bank's own dashboard`, async ({
    page,
    user,
    baseURL,
  }) => {
    await signInWithNext(page, user, next);
    expect(new URL(page.url()).origin, "the browser never leaves the bank's origin").toBe(new URL(baseURL!).origin);
    await expect(page).toHaveURL((url) => url.pathname === "/dashboard");
    await expect(page.getByRole("heading", { name: `Welcome, ${user.name}` })).toBeVisible();
  });
}

test("a same-origin next path is honoured after sign-in", async ({ page, user, baseURL }) => {
  await signInWithNext(page, user, "/profile");
  expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
  await expect(page).toHaveURL((url) => url.pathname === "/profile");
});
