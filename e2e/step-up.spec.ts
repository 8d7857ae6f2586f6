// Threat: someone at an unattended or hijacked session moves money without knowing the
// password. Defense: transfers need the password entered within stepUpFreshnessMinutes (5) on
// this server-side session (lib/session/step-up.ts); 5 wrong passwords end the session.
import { balanceOf, eventTimes, expect, fillTransfer, makeStepUpDue, test } from "./support/fixtures";

test("a stale session is asked for the password, keeps the details, then transfers", async ({
  signedInPage: page,
  user,
  payee,
  db,
}) => {
  await makeStepUpDue(db, user);
  await fillTransfer(page, payee, "60.00", "Concert tickets");
  await page.getByRole("button", { name: "Send transfer" }).click();

  await expect(page.getByRole("group", { name: "Confirm it's you" })).toBeVisible();
  await expect(page.getByLabel("Amount (USD)")).toHaveValue("60.00");
  await expect(page.getByLabel("Memo (optional)")).toHaveValue("Concert tickets");
  expect(await balanceOf(db, user.accountId)).toBe(250_000);

  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Confirm transfer" }).click();
  await expect(page.getByRole("heading", { name: "Transfer sent" })).toBeVisible();
  expect(await balanceOf(db, user.accountId)).toBe(250_000 - 6_000);
  expect(await db.securityEvent.count({ where: { userId: user.id, type: "step_up_success" } })).toBe(1);
});

test("a session signed in moments ago skips the step-up", async ({ signedInPage: page, payee }) => {
  await fillTransfer(page, payee, "1.00");
  await page.getByRole("button", { name: "Send transfer" }).click();
  await expect(page.getByRole("heading", { name: "Transfer sent" })).toBeVisible();
});

test("five wrong passwords end the session", async ({ signedInPage: page, user, payee, db }) => {
  await makeStepUpDue(db, user);
  await fillTransfer(page, payee, "10.00");
  await page.getByRole("button", { name: "Send transfer" }).click();
  for (const left of ["4 attempts", "3 attempts", "2 attempts", "1 attempt"]) {
    await page.getByLabel("Password").fill("not-my-password");
    await page.getByRole("button", { name: "Confirm transfer" }).click();
    await expect(page.getByText(`That password is not right. ${left} left.`)).toBeVisible();
  }
  await page.getByLabel("Password").fill("not-my-password");
  await page.getByRole("button", { name: "Confirm transfer" }).click();

  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByText("Signed out after too many wrong passwords.")).toBeVisible();
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/signin/);
  expect(await balanceOf(db, user.accountId)).toBe(250_000);
  expect(await eventTimes(db, { userId: user.id, type: "step_up_failure" })).toBe(5);
});
