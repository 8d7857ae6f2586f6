// Threat: a debugging panel that leaks what it shows. Defense: the session inspector names the
// session only by a fingerprint of its SHA-256 hash (lib/session/status.ts), never the token,
// and makes rotation visible: a step-up changes the fingerprint and adds to the timeline.
import type { Page } from "@playwright/test";
import { ageSession, expect, fillTransfer, makeStepUpDue, sessionCookieValue, test } from "./support/fixtures";
import { tokenHash } from "./support/log-secrets";

const fingerprintOf = (token: string) => tokenHash(token).slice(0, 8);

async function openInspector(page: Page) {
  await page.getByText("Session inspector").click();
  return page.getByTestId("inspector-fingerprint");
}

/** The value the inspector shows for one of its facts (a `dt` and the `dd` after it). */
function fact(page: Page, term: string) {
  return page.locator("details.inspector dt", { hasText: term }).locator("xpath=following-sibling::dd[1]");
}

test("the inspector shows the hash fingerprint, the tier and the deadlines, never the token", async ({
  signedInPage: page,
  user,
  db,
}) => {
  // Signed in 2 minutes ago: the absolute and step-up deadlines then read differently from their limits.
  await ageSession(db, user.id, { ageMinutes: 2 });
  await page.goto("/dashboard");
  const token = (await sessionCookieValue(page))!;
  await expect(await openInspector(page)).toHaveText(fingerprintOf(token));
  await expect(fact(page, "Page tier")).toHaveText("medium");
  // Idle: the medium tier's 30 minutes (the reload was activity); absolute: 12 hours less the 2
  // since sign-in; step-up: the 5-minute freshness less the 2 since the password was entered.
  await expect(page.getByTestId("inspector-idle")).toHaveText(/^(29 min \d\d s|30 min 00 s)$/);
  await expect(fact(page, "Absolute time left")).toHaveText(/^11 h (57|58) min$/);
  await expect(fact(page, "Step-up")).toHaveText(/^fresh for (2 min \d\d s|3 min 00 s)$/);
  expect(await page.content()).not.toContain(token);
});

test("after a step-up the inspector shows the new fingerprint and the rotation", async ({
  page,
  user,
  createUser,
  db,
  signInAs,
}) => {
  await signInAs(page, user);
  await makeStepUpDue(db, user);
  await fillTransfer(page, await createUser(), "2.00");
  await page.getByRole("button", { name: "Send transfer" }).click();
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Confirm transfer" }).click();
  await expect(page.getByRole("heading", { name: "Transfer sent" })).toBeVisible();

  const token = (await sessionCookieValue(page))!;
  await expect(await openInspector(page)).toHaveText(fingerprintOf(token));
  const inspector = page.locator("details.inspector");
  await expect(inspector).toContainText("Session given a new ID after the password was confirmed");
  await expect(inspector, "in words, not the stored code").not.toContainText("step_up");
});
