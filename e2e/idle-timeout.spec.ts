// Threat: an unattended or stolen session stays usable long after its owner stopped using it.
// Defense: every request checks the idle time against its page's tier on the server
// (checkSession in lib/session/validate.ts; policy idleTimeoutMinutes: low 60, medium 30, high
// 15 by default) and ends the session with reason `idle`. lastSeenAt is written at most once a
// minute (lastSeenWriteIntervalSeconds), and background requests (prefetch, status poll) never
// count as activity.
import { ageSession, expect, test } from "./support/fixtures";
import { POLICY, pastIdleLimit } from "./support/policy";

/** A page of each tier. */
const PAGES = [
  { tier: "low", path: "/profile" },
  { tier: "medium", path: "/dashboard" },
  { tier: "high", path: "/transfers" },
] as const;

for (const { tier, path } of PAGES) {
  const minutes = POLICY.idleTimeoutMinutes[tier];
  test(`${tier} tier: idle just under ${minutes} minutes is accepted, just over ends the session`, async ({
    signedInPage: page,
    user,
    db,
  }) => {
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

test("idle past the high tier's limit still opens the dashboard but not the transfer page", async ({
  signedInPage: page,
  user,
  db,
}) => {
  await ageSession(db, user.id, { idleMinutes: pastIdleLimit("high") });
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: `Welcome, ${user.name}` })).toBeVisible();
  await ageSession(db, user.id, { idleMinutes: pastIdleLimit("high") });
  await page.goto("/transfers");
  await expect(page).toHaveURL(/reason=idle&tier=high/);
  await expect(
    page.getByText(`You were signed out after ${POLICY.idleTimeoutMinutes.high} minutes of inactivity.`),
  ).toBeVisible();
});

test("last seen is written at most once a minute, and never by background requests", async ({
  signedInPage: page,
  user,
  db,
}) => {
  const lastSeen = async () => (await db.session.findFirstOrThrow({ where: { userId: user.id } })).lastSeenAt.getTime();

  const afterSignIn = await lastSeen();
  await page.goto("/profile");
  expect(await lastSeen(), "a second request within the write interval writes nothing").toBe(afterSignIn);

  // Within every tier's limit, and past the write interval.
  const idleMinutes = POLICY.idleTimeoutMinutes.high / 2;
  await ageSession(db, user.id, { idleMinutes });
  const aged = await lastSeen();
  await page.request.get("/dashboard", { headers: { "Sec-Purpose": "prefetch" } });
  await page.request.get("/session/status?tier=medium");
  expect(await lastSeen(), "prefetch and status poll are not activity").toBe(aged);

  await page.goto("/profile");
  expect(await lastSeen(), "a real page view after the write interval is activity").toBeGreaterThan(
    aged + (idleMinutes - 1) * 60_000,
  );
});
