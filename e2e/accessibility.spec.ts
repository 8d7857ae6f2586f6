// Threat: a security feature only some people can use. A sign-in form a screen reader cannot
// label, a step-up prompt a keyboard cannot reach or a timeout warning that never takes focus
// leaves those users unable to sign in, confirm a transfer or stay signed in — and drives them
// to workarounds (a shared password, a session never ended). Defense: every page the policy
// touches passes axe (WCAG 2.2 A and AA rules) with no serious or critical violation, under the
// same Content-Security-Policy as production, at a phone's width (390×844, the navigation behind
// its menu button, opened) and a laptop's (1280×800).
import { expectAccessible } from "./support/accessibility";
import {
  ageSession,
  CUSTOMER_PAGES,
  expect,
  fillTransfer,
  makeStepUpDue,
  openAccount,
  test,
  untilHydrated,
} from "./support/fixtures";
import { POLICY } from "./support/policy";

const VIEWPORTS = [
  { name: "phone", width: 390, height: 844 },
  { name: "laptop", width: 1280, height: 800 },
] as const;

for (const viewport of VIEWPORTS) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height } });

    test("sign-in, with and without an error shown", async ({ page }) => {
      await page.goto("/signin");
      await expectAccessible(page, "sign-in");
      await page.getByLabel("Email").fill("nobody@vaultline.test");
      await page.getByLabel("Password").fill("not-the-password");
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(page.getByRole("main").getByRole("alert")).toHaveText("Incorrect email or password.");
      await expectAccessible(page, "sign-in with an error");
    });

    test("every page of a customer's, an account's history and the menu open", async ({ signedInPage: page }) => {
      for (const path of CUSTOMER_PAGES) {
        await page.goto(path);
        await expectAccessible(page, path);
      }
      await openAccount(page, "Checking");
      await expectAccessible(page, "an account");
      if (viewport.name === "phone") {
        await page.getByRole("button", { name: "Menu" }).click();
        await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
        await expectAccessible(page, "the menu open");
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
      await untilHydrated(page);
      // Inside the warning's lead before the high tier's idle limit, on both clocks.
      const idleMinutes = POLICY.idleTimeoutMinutes.high - POLICY.warningLeadSeconds / 60 / 2;
      await ageSession(db, user.id, { idleMinutes });
      await page.clock.fastForward(idleMinutes * 60_000);
      await expect(page.getByRole("dialog", { name: "Are you still there?" })).toBeVisible();
      await expectAccessible(page, "timeout warning");
    });
  });
}
