// Threat: a debugging panel that leaks what it shows. Defense: the session inspector names the
// session only by a fingerprint of its SHA-256 hash (lib/session/status.ts), never the token,
// and makes rotation visible: a step-up changes the fingerprint and adds to the timeline.
import type { Page } from "@playwright/test";
import { expect, fillTransfer, sessionCookieValue, signIn, signInStale, test } from "./support/fixtures";
import { tokenHash } from "./support/log-secrets";

const fingerprintOf = (token: string) => tokenHash(token).slice(0, 8);

async function openInspector(page: Page) {
  await page.getByText("Session inspector").click();
  return page.getByTestId("inspector-fingerprint");
}

test("the inspector shows the hash fingerprint, the tier and the deadlines, never the token", async ({
  page,
  user,
}) => {
  await signIn(page, user);
  const token = (await sessionCookieValue(page))!;
  await expect(await openInspector(page)).toHaveText(fingerprintOf(token));
  await expect(page.locator("details.inspector")).toContainText("medium");
  await expect(page.getByTestId("inspector-idle")).toHaveText(/^(29|30) min \d\d s$/);
  expect(await page.content()).not.toContain(token);
});

test("after a step-up the inspector shows the new fingerprint and the rotation", async ({
  page,
  user,
  createUser,
  db,
}) => {
  await signInStale(page, db, user);
  await fillTransfer(page, await createUser(), "2.00");
  await page.getByRole("button", { name: "Send transfer" }).click();
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Confirm transfer" }).click();
  await expect(page.getByRole("heading", { name: "Transfer sent" })).toBeVisible();

  const token = (await sessionCookieValue(page))!;
  await expect(await openInspector(page)).toHaveText(fingerprintOf(token));
  await expect(page.locator("details.inspector")).toContainText("Session renewed with a new ID");
  await expect(page.locator("details.inspector")).toContainText("step_up");
});
