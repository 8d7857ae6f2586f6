// Threat: bcrypt reads only the first 72 bytes of a password and silently ignores the rest, so a
// longer password P and P + "anything" are the same password, and whoever learns the first 72
// bytes of a long passphrase signs in. Defense: MAX_PASSWORD_BYTES (lib/auth/password-rules.ts):
// a new password over 72 UTF-8 bytes is refused with the reason (lib/auth/password-policy.ts),
// and verifyPassword (lib/auth/password.ts) treats a longer one as simply wrong at every check,
// never handing it to bcrypt. Bytes, not characters: "🔒" is 4 bytes, "é" is 2.
import type { Page } from "@playwright/test";
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db";
import { apiSignInAttempt, expectApiError, ownAddress } from "./support/api";
import { changePasswordInUi, eventTimes, expect, test, type TestUser } from "./support/fixtures";

const ASCII_72 = "violet-harbour-engine-".repeat(3) + "abcdef";
const EMOJI_72 = "🔒".repeat(18);
const TOO_LONG = "That password is too long: use at most 72 bytes";

/** Gives the test user a password that is exactly 72 bytes. */
async function withPassword(db: Db, user: TestUser, password: string): Promise<TestUser> {
  await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) } });
  return { ...user, password };
}

async function webSignInFails(page: Page, user: TestUser, password: string): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Incorrect email or password.");
}

test("a new password over 72 bytes is refused with the reason, multi-byte characters counted as bytes", async ({
  signedInPage: page,
  user,
  db,
}) => {
  for (const tooLong of [`${ASCII_72}x`, "🔒".repeat(19), "é".repeat(37)]) {
    await changePasswordInUi(page, user.password, tooLong);
    await expect(page.getByRole("main").getByRole("alert")).toContainText(TOO_LONG);
  }
  expect(await db.securityEvent.count({ where: { userId: user.id, type: "password_changed" } })).toBe(0);

  await changePasswordInUi(page, user.password, EMOJI_72);
  await expect(page.getByText("Password changed.")).toBeVisible();
});

test("a 72-byte password followed by more characters does not open the web sign-in", async ({
  page,
  user,
  db,
  signInAs,
}) => {
  const owner = await withPassword(db, user, ASCII_72);
  for (const longer of [`${ASCII_72}x`, `${ASCII_72}-and-more`]) await webSignInFails(page, owner, longer);
  expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
  // Counted like any wrong password, toward the same attempt limit.
  expect(await eventTimes(db, { userId: user.id, type: "sign_in_failure" })).toBe(2);

  await signInAs(page, owner);
  await page.goto("/dashboard");
});

test("a 72-byte password followed by more characters does not open the API", async ({ request, user, db }) => {
  const headers = ownAddress();
  for (const password of [ASCII_72, EMOJI_72]) {
    const owner = await withPassword(db, user, password);
    for (const longer of [`${password}x`, `${password}🔒`]) {
      await expectApiError(
        await apiSignInAttempt(request, { ...owner, password: longer }, headers),
        401,
        "invalid_credentials",
      );
    }
    expect((await apiSignInAttempt(request, owner, headers)).status()).toBe(201);
  }
});
