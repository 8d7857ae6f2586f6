// Attack (lab flaw `idor`): Mallory, signed in as herself, has two of Alice's IDs (a receipt's
// reference from a shared screenshot, a session's row ID from a leaked page). She opens Alice's
// receipt by its address and names Alice's session on her own sessions page. Secure: each is
// another customer's record, so it answers as one that does not exist, and Alice stays signed in.
import type { Page } from "@playwright/test";
import { expectAttack } from "../support/fixtures";
import { actionIdOn, callAction, formParts } from "../support/server-action";
import { expect, strangerStillSignedIn, test } from "../support/stranger";

/** The receipt shows Alice's account number and memo, or it is the plain "Page not found"; nothing else counts. */
async function receiptOpened(page: Page, transferId: string, leaks: string[]): Promise<boolean> {
  const response = await page.goto(`/transfers/${transferId}`);
  if (response?.status() === 404) {
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    return false;
  }
  expect(response?.status(), "the receipt either opens or is not found").toBe(200);
  await expect(page.getByRole("heading", { name: "Transfer sent" })).toBeVisible();
  for (const leak of leaks.slice(0, 3)) await expect(page.locator("main")).toContainText(leak);
  return true;
}

test("Mallory opens Alice's receipt by its ID", async ({ signedInPage: page, stranger: alice, target }) => {
  expectAttack(target, await receiptOpened(page, alice.transferId, alice.leaks));
});

test("Mallory ends Alice's session by its ID from her own sessions page", async ({
  signedInPage: page,
  request,
  stranger: alice,
  target,
  baseURL,
}) => {
  await page.goto("/security/sessions");
  const endSessions = await actionIdOn(page);
  const { answer } = await callAction(
    page.request,
    "/security/sessions",
    endSessions,
    formParts({ target: alice.sessionId }),
    baseURL!,
  );
  expect(answer.headers["x-action-redirect"], "the sessions page answered").toMatch(/^\/security\/sessions\?ended=/);
  expectAttack(target, !(await strangerStillSignedIn(request, alice)));
});
