// Threat: slow online guessing. A limit that only ever waits 15 minutes lets a script check a
// few passwords every quarter hour for ever (hundreds a day), and a per-address limit that
// counts single IPv6 addresses lets one client with a /64 use 2^64 of them. Defense
// (lib/auth/throttle.ts): per account, a wait after every 5th consecutive failure, doubling
// each time (15, 30, 60 minutes), and a hard stop at 20 consecutive failures after which no
// password is checked until an administrator unlocks the account (admin panel, recorded as
// events); the stopped account is answered exactly as a wrong password or an unknown email.
// Per address, IPv6 counts by its /64. Policy values: lib/auth/throttle-policy.ts (NIST SP
// 800-63B caps consecutive failures at 100; OWASP's Authentication Cheat Sheet).
import { randomUUID } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { SIGN_IN_THROTTLE } from "@/lib/auth/throttle-policy";
import {
  apiSignIn,
  apiSignInAttempt,
  documentationNetwork,
  expectApiError,
  ownAddress,
  type Headers,
} from "./support/api";
import { expect, PRODUCTION_COST_SERVER, test, type TestUser } from "./support/fixtures";
import { addSignInFailures, ageSignInFailures } from "./support/sign-in-failures";

const { failuresPerStep, hardStopFailures } = SIGN_IN_THROTTLE.account;
const GENERIC = { error: "invalid_credentials", message: "Incorrect email or password." };

async function failTimes(request: APIRequestContext, email: string, times: number, address: Headers = ownAddress()) {
  for (let i = 0; i < times; i += 1) {
    const response = await apiSignInAttempt(request, { email, password: `wrong-${i}-${randomUUID()}` }, address);
    expect(await response.json()).toEqual(GENERIC);
  }
}

/** The status, body and duration of one API sign-in. */
async function timedAttempt(request: APIRequestContext, email: string, password: string) {
  const started = performance.now();
  const response = await apiSignInAttempt(request, { email, password }, ownAddress());
  return { status: response.status(), body: await response.json(), ms: performance.now() - started };
}

/** Guesses its way to the hard stop: each step's failures, then a day's pause (ageing), which serves any wait. */
async function reachHardStop(request: APIRequestContext, db: Parameters<typeof ageSignInFailures>[0], user: TestUser) {
  for (let round = 0; round < hardStopFailures / failuresPerStep; round += 1) {
    await failTimes(request, user.email, failuresPerStep);
    await ageSignInFailures(db, user.email, 24 * 60);
  }
}

async function enterAdmin(page: Page) {
  await page.goto("/admin");
  await page.getByRole("button", { name: "Enter admin panel" }).click();
  await expect(page.getByRole("heading", { name: "Users and live sessions" })).toBeVisible();
}

test("the wait doubles with each fifth consecutive failure: 15, 30, then 60 minutes", async ({ request, user, db }) => {
  test.slow(); // 15 failures and 4 sign-ins, each paying for a real bcrypt compare
  for (const minutes of [15, 30, 60]) {
    await failTimes(request, user.email, failuresPerStep);
    const refused = await apiSignInAttempt(request, user, ownAddress());
    await expectApiError(refused, 429, "throttled");
    const retryAfter = Number(refused.headers()["retry-after"]);
    expect(retryAfter).toBeGreaterThan((minutes - 1) * 60);
    expect(retryAfter).toBeLessThanOrEqual(minutes * 60);
    // Waiting it out, without waiting: the failures move that far into the past.
    await ageSignInFailures(db, user.email, minutes + 1);
  }
  // 15 consecutive failures, every wait served: the right password still gets in, and resets the count.
  await apiSignIn(request, user, ownAddress());
});

test("after 20 consecutive failures even the right password is refused, as a wrong one is", async ({
  page,
  ownServer,
  createUser,
}) => {
  test.slow(); // 20 failures, and timing samples at production's bcrypt cost
  // Timing is what this compares, so on a server at production's cost, where a skipped
  // compare would answer about 0.25 s sooner; the test servers' lowest cost would hide it.
  const { api: request, db, baseURL } = await ownServer(PRODUCTION_COST_SERVER);
  const user = await createUser({ in: db });
  await reachHardStop(request, db, user);
  // Every wait served, yet the right password fails: same status, body and about the same time
  // as an unknown email and another customer's wrong password (checked at production's cost, as
  // the unknown email's dummy compare is).
  const other = await createUser({ productionCost: true, in: db });
  const unknown = `nobody-${randomUUID().slice(0, 8)}@vaultline.test`;
  const samples = { locked: [] as number[], unknown: [] as number[], wrong: [] as number[] };
  for (let i = 0; i < 3; i += 1) {
    const answers = {
      locked: await timedAttempt(request, user.email, user.password),
      unknown: await timedAttempt(request, unknown, user.password),
      wrong: await timedAttempt(request, other.email, `wrong-${i}`),
    };
    for (const [kind, answer] of Object.entries(answers)) {
      expect({ status: answer.status, body: answer.body }, kind).toEqual({ status: 401, body: GENERIC });
      samples[kind as keyof typeof samples].push(answer.ms);
    }
  }
  // The stopped account pays for a (dummy) bcrypt compare too: no faster answer gives it away.
  expect(Math.min(...samples.locked)).toBeGreaterThan(0.5 * Math.min(...samples.wrong, ...samples.unknown));
  // The web form says what it says to any wrong password.
  await page.goto(`${baseURL}/signin`);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText(GENERIC.message);
  expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
  expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).lockedAt).not.toBeNull();
  expect(await db.securityEvent.count({ where: { userId: user.id, type: "account_locked" } })).toBe(1);
});

test("an administrator sees the lock and unlocks it; the right password then works", async ({
  page,
  request,
  user,
  db,
  admin,
  signInAs,
}) => {
  test.slow(); // the admin's sign-in and step-up, then 8 more real bcrypt compares
  // A long campaign's first 19 failures, then the 20th through the API.
  await addSignInFailures(db, user.email, hardStopFailures - 1, 24 * 60);
  await failTimes(request, user.email, 1);
  await expectApiError(await apiSignInAttempt(request, user, ownAddress()), 401, "invalid_credentials");

  await signInAs(page, admin);
  await enterAdmin(page);
  const users = page.locator("section", { has: page.getByRole("heading", { name: "Users and live sessions" }) });
  const row = users.getByRole("row").filter({ hasText: user.email });
  await expect(row).toContainText("locked since");
  await row.getByRole("button", { name: `Unlock account of ${user.email}` }).click();
  await expect(users.getByRole("row").filter({ hasText: user.email })).not.toContainText("locked");
  expect(await db.securityEvent.count({ where: { userId: user.id, type: "account_unlocked" } })).toBe(1);

  await apiSignIn(request, user, ownAddress());
  // Unlocked means counted from zero: four typos are still just typos.
  await failTimes(request, user.email, failuresPerStep - 1);
  await apiSignIn(request, user, ownAddress());
});

test("IPv6 addresses count by their /64: one network's failures add up, another network is not held back", async ({
  request,
  user,
  db,
}) => {
  test.slow(); // 21 sign-ins, each paying for a real bcrypt compare
  const inNetwork = documentationNetwork();
  const { failuresPerStep: perAddress } = SIGN_IN_THROTTLE.address;
  const addresses: string[] = [];
  for (let i = 0; i < perAddress; i += 1) {
    const address = inNetwork();
    addresses.push(address);
    const email = `stuffing-${i}-${randomUUID().slice(0, 8)}@vaultline.test`;
    await failTimes(request, email, 1, { "X-Forwarded-For": address });
  }
  // A new address of the same /64: the network's 20 failures hold it back, whatever the email.
  await expectApiError(await apiSignInAttempt(request, user, { "X-Forwarded-For": inNetwork() }), 429, "throttled");
  // Another /64 is someone else.
  await apiSignIn(request, user, ownAddress());
  // Events still name the full address the failure came from.
  const event = await db.securityEvent.findFirstOrThrow({ where: { type: "sign_in_failure", ip: addresses[0] } });
  expect(event.ip).toBe(addresses[0]);
});
