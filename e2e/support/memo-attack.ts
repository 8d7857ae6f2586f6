// The stored-xss attacks' common part: Mallory pays the victim $1.00 with a memo of her making,
// and the victim, signed in, opens the account that received it.
import { randomUUID } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { apiSignIn, apiTransfer } from "./api";
import { expect, type TestUser } from "./fixtures";

/**
 * Sends the memo, then takes the victim's signed-in page straight to the account page (the
 * dashboard's recent activity shows the memo too, but there the balance comes before it). Only
 * two outcomes count: the memo shown as the text that was typed, or the attacker's page (its
 * heading `landing`).
 */
export async function victimOpensMemo(
  page: Page,
  request: APIRequestContext,
  parties: { mallory: TestUser; victim: TestUser },
  memo: string,
  landing: string,
): Promise<void> {
  const { mallory, victim } = parties;
  const token = await apiSignIn(request, mallory);
  const sent = await apiTransfer(
    request,
    token,
    { fromAccountId: mallory.accountId, toAccountNumber: victim.accountNumber, amount: "1.00", memo },
    randomUUID(),
  );
  expect(sent.status()).toBe(201);
  // Only until the answer arrives: a payload that runs may take the page elsewhere before it loads.
  await page.goto(`/accounts/${victim.accountId}`, { waitUntil: "commit" });
  const shownAsText = page.getByRole("cell", { name: memo, exact: true });
  await expect(shownAsText.or(page.getByRole("heading", { name: landing }))).toBeVisible();
}
