// Sign-in keeps the way back: a visit to a signed-in page without a live session (a bookmark, a
// link in a statement mail, a session that timed out) is sent to sign in, and sign-in returns
// to that page, query included, instead of dropping the user on the dashboard. The guard
// (requireSession in lib/session/guard.ts) names the page in `next`; only a same-origin path
// may follow sign-in (lib/auth/safe-next-path.ts; the hostile ones are in open-redirect.spec.ts).
// The timeout warning's own sign-out at zero (components/session-watch.tsx) names the page too.
// Policy values relied on: the high tier's 15-minute idle limit, the medium tier's 30 minutes
// and the warning's 2-minute lead.
import type { Page } from "@playwright/test";
import { ageSession, expect, test, untilHydrated, type TestUser } from "./support/fixtures";
import { idleMessage, pastIdleLimit, POLICY, warningOpensAt } from "./support/policy";

async function signInThroughForm(page: Page, user: TestUser): Promise<void> {
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test("an anonymous visit to the transfer form signs in and returns there", async ({ page, user }) => {
  await page.goto("/transfers");
  await expect(page).toHaveURL((url) => url.pathname === "/signin" && url.searchParams.get("next") === "/transfers");
  await signInThroughForm(page, user);
  await expect(page).toHaveURL((url) => url.pathname === "/transfers");
  await expect(page.getByRole("heading", { name: "Transfer money" })).toBeVisible();
});

test("an anonymous visit to an account's history signs in and returns there, query included", async ({
  page,
  user,
}) => {
  const history = `/accounts/${user.accountId}?from=statement-mail`;
  await page.goto(history);
  await expect(page).toHaveURL((url) => url.pathname === "/signin" && url.searchParams.get("next") === history);
  await signInThroughForm(page, user);
  await expect(page).toHaveURL((url) => url.pathname + url.search === history);
  await expect(page.getByText(user.accountNumber).first()).toBeVisible();
});

test("a session that timed out on the way to the transfer form returns there after signing in again", async ({
  signedInPage: page,
  user,
  db,
}) => {
  await page.goto("/dashboard");
  await ageSession(db, user.id, { idleMinutes: pastIdleLimit("high") });
  // A link followed inside the app: Next fetches the page itself, and its internal query
  // parameters must not end up in the way back.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Transfer" }).click();
  await expect(page).toHaveURL(
    (url) => url.searchParams.get("reason") === "idle" && url.searchParams.get("next") === "/transfers",
  );
  await expect(page.getByText(idleMessage("high"))).toBeVisible();
  await signInThroughForm(page, user);
  await expect(page).toHaveURL((url) => url.pathname === "/transfers");
});

test("the timeout warning's sign-out at zero returns to the page it was on, query included", async ({
  page,
  user,
  db,
  signInAs,
}) => {
  await page.clock.install();
  await signInAs(page, user);
  const history = `/accounts/${user.accountId}?from=statement-mail`;
  await page.goto(history);
  await untilHydrated(page);
  // The server's idle clock inside the medium tier's warning, as the browser's: at zero the tab
  // itself signs out; the server had not ended the session.
  const inWarning = warningOpensAt("medium") + 0.5;
  await ageSession(db, user.id, { idleMinutes: inWarning });
  await page.clock.fastForward(inWarning * 60_000);
  await expect(page.getByRole("dialog", { name: "Are you still there?" })).toBeVisible();
  await page.clock.fastForward((POLICY.idleTimeoutMinutes.medium - inWarning) * 60_000);
  await expect(page).toHaveURL(
    (url) => url.searchParams.get("reason") === "idle" && url.searchParams.get("next") === history,
  );
  expect((await db.session.findFirstOrThrow({ where: { userId: user.id } })).endReason).toBe("idle");
  await signInThroughForm(page, user);
  await expect(page).toHaveURL((url) => url.pathname + url.search === history);
});
