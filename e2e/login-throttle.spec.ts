// Threat: online password guessing: a script tries password after password on the sign-in form,
// the API, or the step-up prompt of a hijacked session. Defense: after 5 failures for one email
// (or 20 from one address) within 15 minutes, sign-in attempts are refused for 15 minutes
// without even checking the password (lib/auth/throttle.ts, shared by web and API through
// verifyCredentials); every email gets the same answer, known or not. Step-up ends the session
// after 5 wrong passwords (lib/session/step-up.ts).
import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { apiSignIn, apiSignInAttempt, apiStepUpAttempt, bearer, expectApiError, ownAddress } from "./support/api";
import { expect, sessionCookieValue, test } from "./support/fixtures";

const THROTTLED = "Too many attempts. Try again later.";
const GENERIC = "Incorrect email or password.";

async function tryWebSignIn(page: Page, email: string, password: string, expected: string) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText(expected);
}

test("web: the 6th attempt is refused even with the right password, for known and unknown emails alike", async ({
  browser,
  baseURL,
  user,
  db,
}) => {
  const context = await browser.newContext({ baseURL, extraHTTPHeaders: ownAddress() });
  const page = await context.newPage();
  const unknown = `nobody-${randomUUID().slice(0, 8)}@vaultline.test`;
  for (let i = 0; i < 5; i += 1) {
    await tryWebSignIn(page, user.email, `wrong-${i}`, GENERIC);
    await tryWebSignIn(page, unknown, `wrong-${i}`, GENERIC);
  }
  await tryWebSignIn(page, user.email, user.password, THROTTLED);
  await tryWebSignIn(page, unknown, "anything", THROTTLED);
  expect(await sessionCookieValue(page)).toBeUndefined();
  expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
  await context.close();
});

test("API: the 6th attempt is a 429 with Retry-After, even with the right password", async ({ request, user, db }) => {
  const address = ownAddress();
  for (let i = 0; i < 5; i += 1) {
    await expectApiError(
      await apiSignInAttempt(request, { email: user.email, password: `wrong-${i}` }, address),
      401,
      "invalid_credentials",
    );
  }
  const refused = await apiSignInAttempt(request, user, address);
  expect((await expectApiError(refused, 429, "throttled")).message).toBe(THROTTLED);
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(14 * 60);
  expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
  // The lock is on the email, not the address: it holds from anywhere.
  await expectApiError(await apiSignInAttempt(request, user, ownAddress()), 429, "throttled");
});

test("one address failing on many emails is refused on the next, whatever the email", async ({ request, user }) => {
  const address = ownAddress();
  for (let i = 0; i < 20; i += 1) {
    const email = `stuffing-${i}-${randomUUID().slice(0, 8)}@vaultline.test`;
    await expectApiError(
      await apiSignInAttempt(request, { email, password: "password123" }, address),
      401,
      "invalid_credentials",
    );
  }
  await expectApiError(await apiSignInAttempt(request, user, address), 429, "throttled");
  expect((await apiSignInAttempt(request, user, ownAddress())).status()).toBe(201);
});

test("a successful sign-in starts the count again", async ({ request, user }) => {
  const address = ownAddress();
  for (let round = 0; round < 2; round += 1) {
    for (let i = 0; i < 4; i += 1) {
      await expectApiError(
        await apiSignInAttempt(request, { email: user.email, password: `wrong-${i}` }, address),
        401,
        "invalid_credentials",
      );
    }
    await apiSignIn(request, user, address);
  }
});

test("step-up: five wrong passwords end the API session; the right one is then too late", async ({
  request,
  user,
  db,
}) => {
  const token = await apiSignIn(request, user, ownAddress());
  for (const left of [4, 3, 2, 1]) {
    expect(
      (await expectApiError(await apiStepUpAttempt(request, token, "not-my-password"), 403, "wrong_password"))
        .attemptsLeft,
    ).toBe(left);
  }
  const last = await apiStepUpAttempt(request, token, "not-my-password");
  expect((await expectApiError(last, 401, "unauthenticated")).reason).toBe("step_up_failures");
  const late = await apiStepUpAttempt(request, token, user.password);
  expect((await expectApiError(late, 401, "unauthenticated")).reason).toBe("step_up_failures");
  expect((await request.get("/api/v1/accounts", { headers: bearer(token) })).status()).toBe(401);
  // Identical failures share one row; its count holds every attempt (e2e/bounded-events.spec.ts).
  const failures = { where: { userId: user.id, type: "step_up_failure" }, _sum: { count: true } } as const;
  expect((await db.securityEvent.aggregate(failures))._sum.count).toBe(5);
});
