// Threat: a security feature only some people can use. A sign-in form a screen reader cannot
// label, a step-up prompt a keyboard cannot reach or a timeout warning that never takes focus
// leaves those users unable to sign in, confirm a transfer or stay signed in — and drives them
// to workarounds (a shared password, a session never ended). Defense: every page the policy
// touches passes axe (WCAG 2.2 A and AA rules) with no serious or critical violation, under the
// same Content-Security-Policy as production.
import { expectAccessible } from "./support/accessibility";
import { ageSession, expect, fillTransfer, makeStepUpDue, test } from "./support/fixtures";
import { POLICY } from "./support/policy";

test("sign-in, with and without an error shown", async ({ page }) => {
  await page.goto("/signin");
  await expectAccessible(page, "sign-in");
  await page.getByLabel("Email").fill("nobody@vaultline.test");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Incorrect email or password.");
  await expectAccessible(page, "sign-in with an error");
});

test("dashboard, security settings and the sessions page", async ({ signedInPage: page }) => {
  await page.goto("/dashboard");
  await expectAccessible(page, "dashboard");
  for (const path of ["/security", "/security/sessions", "/security/password"]) {
    await page.goto(path);
    await expectAccessible(page, path);
  }
});

test("the transfer form, then its step-up prompt", async ({ signedInPage: page, user, payee, db }) => {
  await makeStepUpDue(db, user);
  await fillTransfer(page, payee, "12.00", "Lunch");
  await expectAccessible(page, "transfer form");
  await page.getByRole("button", { name: "Send transfer" }).click();
  await expect(page.getByRole("group", { name: "Confirm it's you" })).toBeVisible();
  await expectAccessible(page, "step-up prompt");
});

test("the admin panel, before and after entering it", async ({ page, admin, signInAs }) => {
  await signInAs(page, admin);
  await page.goto("/admin");
  await expectAccessible(page, "admin entry");
  await page.getByRole("button", { name: "Enter admin panel" }).click();
  await expect(page.getByRole("heading", { name: "Users and live sessions" })).toBeVisible();
  await expectAccessible(page, "admin panel");
});

test("the timeout warning dialog", async ({ signedInPage: page, user, db }) => {
  await page.clock.install();
  await page.goto("/transfers");
  // Inside the warning's lead before the high tier's idle limit, on both clocks.
  const idleMinutes = POLICY.idleTimeoutMinutes.high - POLICY.warningLeadSeconds / 60 / 2;
  await ageSession(db, user.id, { idleMinutes });
  await page.clock.fastForward(idleMinutes * 60_000);
  await expect(page.getByRole("dialog", { name: "Are you still there?" })).toBeVisible();
  await expectAccessible(page, "timeout warning");
});
