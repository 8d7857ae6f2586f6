// Threat: an unattended or stolen session stays usable long after its owner stopped using it.
// Defense: every request checks the idle time against its page's tier on the server
// (checkSession in lib/session/validate.ts; policy: low 60, medium 30, high 15 minutes) and
// ends the session with reason `idle`. lastSeenAt is written at most once a minute, and
// background requests (prefetch, status poll) never count as activity.
import { ageSession, expect, signIn, test } from "./support/fixtures";

const TIERS = [
  { tier: "low", path: "/profile", minutes: 60 },
  { tier: "medium", path: "/dashboard", minutes: 30 },
  { tier: "high", path: "/transfers", minutes: 15 },
] as const;

for (const { tier, path, minutes } of TIERS) {
  test(`${tier} tier: idle just under ${minutes} minutes is accepted, just over ends the session`, async ({
    page,
    user,
    db,
  }) => {
    await signIn(page, user);
    await ageSession(db, user.id, { idleMinutes: minutes - 0.5 });
    await page.goto(path);
    await expect(page).toHaveURL(new RegExp(`${path}$`));

    await ageSession(db, user.id, { idleMinutes: minutes + 0.5 });
    await page.goto(path);
    await expect(page).toHaveURL(/\/signin\?reason=idle/);
    await expect(page.getByText(`You were signed out after ${minutes} minutes of inactivity.`)).toBeVisible();
    const session = await db.session.findFirstOrThrow({ where: { userId: user.id } });
    expect(session.endReason).toBe("idle");
    await page.goto("/profile");
    await expect(page).toHaveURL(/\/signin/);
  });
}

test("16 idle minutes still open the dashboard but not the transfer page", async ({ page, user, db }) => {
  await signIn(page, user);
  await ageSession(db, user.id, { idleMinutes: 16 });
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: `Welcome, ${user.name}` })).toBeVisible();
  await ageSession(db, user.id, { idleMinutes: 16 });
  await page.goto("/transfers");
  await expect(page).toHaveURL(/reason=idle&tier=high/);
  await expect(page.getByText("You were signed out after 15 minutes of inactivity.")).toBeVisible();
});

test("last seen is written at most once a minute, and never by background requests", async ({ page, user, db }) => {
  await signIn(page, user);
  const lastSeen = async () => (await db.session.findFirstOrThrow({ where: { userId: user.id } })).lastSeenAt.getTime();

  const afterSignIn = await lastSeen();
  await page.goto("/profile");
  expect(await lastSeen(), "a second request within the minute writes nothing").toBe(afterSignIn);

  await ageSession(db, user.id, { idleMinutes: 10 });
  const aged = await lastSeen();
  await page.request.get("/dashboard", { headers: { "Sec-Purpose": "prefetch" } });
  await page.request.get("/session/status?tier=medium");
  expect(await lastSeen(), "prefetch and status poll are not activity").toBe(aged);

  await page.goto("/profile");
  expect(await lastSeen(), "a real page view after a minute is activity").toBeGreaterThan(aged + 9 * 60_000);
});
