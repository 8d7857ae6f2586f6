// Threat: one customer slows every other customer's sign-in. Every bcrypt check waits for one of
// (cores - 1) slots; a correct step-up is never refused by the attempt limit, and nothing capped
// the sessions one user may hold, so one account could keep the gate busy (in a review, five
// correct step-ups at a time from one API session made everyone's sign-in 5.5 times slower).
// Defense: one user's checks wait behind each other before the shared gate (lib/auth/password.ts
// `inUserHashSlot`), so another user waits for at most one of them; a session family gets
// stepUpsPerFamilyPerHour correct step-ups (lib/session/step-up.ts `stepUp`), and a user holds at
// most maxLiveSessionsPerUser live sessions, the oldest ending at a sign-in beyond it
// (lib/session/store.ts `createSessionWithinCap`; policy values in lib/session/policy.ts).
import { apiSignIn, apiStepUp, apiStepUpAttempt, bearer, ownAddress } from "./support/api";
import { floodThenSignIn } from "./support/hash-flood";
import { eventTimes, expect, test } from "./support/fixtures";
import { POLICY_PRESETS } from "@/lib/session/policy";

const { maxLiveSessionsPerUser, stepUpsPerFamilyPerHour } = POLICY_PRESETS.default;

// Each test waits for a dozen or more real bcrypt checks at the server's cost, one at a time.
test.describe.configure({ timeout: 120_000 });

test("while Mallory floods correct step-ups, Alice's sign-in is answered before the fourth of them", async ({
  request,
  createUser,
}) => {
  // At production's bcrypt cost: the queue only shows when each check takes real time.
  const mallory = await createUser({ productionCost: true });
  const alice = await createUser({ productionCost: true });
  const { floodAnsweredBefore, signInStatus } = await floodThenSignIn(request, mallory, alice);
  expect(signInStatus).toBe(201);
  expect(floodAnsweredBefore, "Mallory's step-ups answered before Alice's sign-in").toBeLessThanOrEqual(3);
});

test("correct step-ups beyond the family's hourly budget get a 429 with Retry-After, and no password is checked", async ({
  request,
  user,
  db,
}) => {
  let token = await apiSignIn(request, user, ownAddress());
  for (let i = 0; i < stepUpsPerFamilyPerHour; i++) token = await apiStepUp(request, token, user.password);

  for (const password of [user.password, "not-the-password"]) {
    const refused = await apiStepUpAttempt(request, token, password);
    expect(refused.status()).toBe(429);
    expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);
    const body = await refused.json();
    expect(body).toEqual({ error: "step_up_limit", message: expect.stringContaining("Try again later") });
  }
  const checkedWrong = await eventTimes(db, { userId: user.id, type: "step_up_failure" });
  expect(checkedWrong, "the wrong password over budget was never checked").toBe(0);
  // The session itself lives on; a new sign-in is a new family with a budget of its own.
  expect((await request.get("/api/v1/accounts", { headers: bearer(token) })).status()).toBe(200);
  await apiStepUp(request, await apiSignIn(request, user, ownAddress()), user.password);
});

test("a sign-in beyond the cap ends the oldest session, which is told session_limit", async ({
  signedInPage: page,
  request,
  user,
}) => {
  const tokens: string[] = [];
  for (let i = 0; i < maxLiveSessionsPerUser; i++) tokens.push(await apiSignIn(request, user, ownAddress()));

  // The browser's session was the oldest: it ended, and the person is told why.
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/signin\?reason=session_limit/);
  await expect(
    page.getByText(`already had ${maxLiveSessionsPerUser} sessions open; the oldest one ends`, { exact: false }),
  ).toBeVisible();
  // Every later sign-in is live.
  for (const token of tokens)
    expect((await request.get("/api/v1/accounts", { headers: bearer(token) })).status()).toBe(200);

  // One more: now the oldest API token ends, with the API's text for the reason.
  await apiSignIn(request, user, ownAddress());
  const refused = await request.get("/api/v1/accounts", { headers: bearer(tokens[0]!) });
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({ reason: "session_limit" });
});
