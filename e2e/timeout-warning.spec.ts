// Threat: a user is signed out mid-task without warning, or a tab left open keeps a session
// alive forever. Defense: the timeout warning (components/session-watch.tsx) opens 2 minutes
// (warningLeadSeconds) before the page tier's idle deadline; "Stay signed in" extends the
// session on the server with a POST; at zero the tab signs out; tabs share activity and
// sign-out; its status poll never extends the session. Both clocks move without waiting:
// Playwright's clock for the browser, the ageing fixture for the server.
import type { Page } from "@playwright/test";
import type { Db } from "@/lib/db";
import { ageSession, expect, test, untilHydrated, type TestUser } from "./support/fixtures";
import { idleMessage, POLICY, warningOpensAt } from "./support/policy";

const HIGH_MINUTES = POLICY.idleTimeoutMinutes.high;
const LEAD_SECONDS = POLICY.warningLeadSeconds;
/** Idle minutes at which a transfer page's warning opens, and a moment inside its countdown. */
const OPENS_AT = warningOpensAt("high");
const IN_WARNING = OPENS_AT + 0.5;

const dialog = (page: Page) => page.getByRole("dialog", { name: "Are you still there?" });

/** Moves both clocks: the browser's (Playwright) and the server's (session timestamps). */
async function idleFor(page: Page, db: Db, user: TestUser, minutes: number, alreadyIdle = 0) {
  await untilHydrated(page);
  await ageSession(db, user.id, { idleMinutes: minutes });
  await page.clock.fastForward((minutes - alreadyIdle) * 60_000);
}

async function lastSeenMs(db: Db, user: TestUser) {
  return (await db.session.findFirstOrThrow({ where: { userId: user.id, endedAt: null } })).lastSeenAt.getTime();
}

test(`the warning opens ${LEAD_SECONDS} seconds before the high tier's ${HIGH_MINUTES}-minute limit, with focus in it`, async ({
  page,
  user,
  db,
  signInAs,
}) => {
  await page.clock.install();
  await signInAs(page, user);
  await page.goto("/transfers");

  await idleFor(page, db, user, OPENS_AT - 0.1);
  await page.clock.runFor(1000);
  await expect(dialog(page)).toHaveCount(0);

  await idleFor(page, db, user, OPENS_AT + 0.1, OPENS_AT - 0.1);
  await expect(dialog(page)).toBeVisible();
  await expect(page.getByRole("button", { name: "Stay signed in" })).toBeFocused();
  await expect(dialog(page).getByRole("timer")).toHaveText(/^1:[45]\d$/);
});

test("what a screen reader hears is true of the clock the dialog shows", async ({ page, user, db, signInAs }) => {
  await page.clock.install();
  await signInAs(page, user);
  await page.goto("/transfers");
  await idleFor(page, db, user, IN_WARNING);
  const spoken = dialog(page).locator("[aria-live=polite]");
  // From 1:30 left to about 1:25, 0:55 and 0:25.
  await page.clock.runFor(5_000);
  for (const [left, words] of [
    [/^1:[0-2]\d$/, "within 2 minutes"],
    [/^0:[3-5]\d$/, "within a minute"],
    [/^0:[12]\d$/, "within 30 seconds"],
  ] as const) {
    await expect(dialog(page).getByRole("timer")).toHaveText(left);
    await expect(spoken).toHaveText(`You will be signed out ${words}.`);
    await page.clock.runFor(30_000);
  }
});

test("Stay signed in extends the session on the server", async ({ page, user, db, signInAs }) => {
  await page.clock.install();
  await signInAs(page, user);
  await page.goto("/transfers");
  await idleFor(page, db, user, IN_WARNING);
  await expect(dialog(page)).toBeVisible();
  const before = await lastSeenMs(db, user);

  await page.getByRole("button", { name: "Stay signed in" }).click();
  await expect(dialog(page)).toHaveCount(0);
  expect(await lastSeenMs(db, user)).toBeGreaterThan(before + (IN_WARNING - 1) * 60_000);
  await page.clock.runFor(60_000);
  await expect(dialog(page)).toHaveCount(0);
});

test("the countdown reaching zero signs out with the idle reason", async ({ page, user, db, signInAs }) => {
  await page.clock.install();
  await signInAs(page, user);
  await page.goto("/transfers");
  await idleFor(page, db, user, IN_WARNING);
  await expect(dialog(page)).toBeVisible();

  await page.clock.fastForward((HIGH_MINUTES - IN_WARNING) * 60_000);
  await expect(page).toHaveURL(/\/signin\?reason=idle&tier=high/);
  await expect(page.getByText(idleMessage("high"))).toBeVisible();
  const session = await db.session.findFirstOrThrow({ where: { userId: user.id } });
  expect(session.endReason).toBe("idle");
});

test("two tabs stay in sync: Stay signed in and sign-out in one reach the other", async ({
  context,
  page,
  user,
  db,
  signInAs,
}) => {
  await page.clock.install();
  await signInAs(page, user);
  await page.goto("/dashboard");
  const other = await context.newPage();
  await other.goto("/dashboard");
  await page.goto("/dashboard");

  await idleFor(page, db, user, 28.5);
  await expect(dialog(page)).toBeVisible();
  await expect(dialog(other)).toBeVisible();

  await page.getByRole("button", { name: "Stay signed in" }).click();
  await expect(dialog(page)).toHaveCount(0);
  await expect(dialog(other)).toHaveCount(0);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(other).toHaveURL(/\/signin\?reason=signed_out/);
});

test("an open tab that only polls does not keep the session alive", async ({ page, user, db, signInAs }) => {
  await page.clock.install();
  await signInAs(page, user);
  await page.goto("/transfers");
  await untilHydrated(page);
  await ageSession(db, user.id, { idleMinutes: IN_WARNING });
  // Read before the tab can poll: the idle clock as the server holds it.
  const aged = await lastSeenMs(db, user);
  const poll = page.waitForResponse((r) => new URL(r.url()).pathname === "/session/status");
  await page.clock.fastForward(IN_WARNING * 60_000);

  // The warning's own poll was answered with the idle time, and the server's idle clock did not move.
  const polled = await poll;
  expect(polled.status()).toBe(200);
  expect((await polled.json()).idleElapsedMs, "the poll reports the idle time").toBeGreaterThan(
    (IN_WARNING - 1) * 60_000,
  );
  expect(await lastSeenMs(db, user), "the poll did not count as activity").toBe(aged);
  await expect(dialog(page)).toBeVisible();

  // Left to poll, the tab is signed out at the deadline: nothing it sent kept the session alive.
  await page.clock.fastForward((HIGH_MINUTES - IN_WARNING) * 60_000);
  await expect(page).toHaveURL(/\/signin\?reason=idle&tier=high/);
});
