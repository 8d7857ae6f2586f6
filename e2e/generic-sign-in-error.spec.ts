// Threat: account enumeration — a sign-in form that answers "no such user" differently from
// "wrong password" tells an attacker which emails bank here. Defense: one generic message and
// one bcrypt compare for every failure (lib/auth/credentials.ts).
import { eventTimes, expect, sessionCookieValue, test } from "./support/fixtures";

const GENERIC = "Incorrect email or password.";

async function attempt(page: import("@playwright/test").Page, email: string, password: string) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText(GENERIC)).toBeVisible();
  return (await page.locator("main").innerText()).replace(email, "EMAIL");
}

test("a wrong password and an unknown email get the same answer and no session", async ({ page, user, db }) => {
  const wrongPassword = await attempt(page, user.email, "not-the-password");
  const unknownEmail = await attempt(page, "nobody-here@vaultline.test", "not-the-password");
  expect(unknownEmail).toBe(wrongPassword);
  await expect(page).toHaveURL(/\/signin/);
  expect(page.url()).not.toContain("not-the-password");
  expect(await sessionCookieValue(page)).toBeUndefined();
  expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
  expect(await eventTimes(db, { userId: user.id, type: "sign_in_failure" })).toBe(1);
});
