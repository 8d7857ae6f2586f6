// Threat: stored cross-site scripting. A transfer's memo is typed by one customer and shown in
// another's signed-in page: markup in it would become part of the recipient's bank page
// (scripts, a redirect, a form, content that captures the rest of the page). Defense: memos
// are rendered as text (components/memo.tsx; React escapes them), so markup is shown, never
// parsed. The Content-Security-Policy is the next layer (e2e/security-headers.spec.ts).
import { randomUUID } from "node:crypto";
import { apiSignIn, apiTransfer } from "./support/api";
import { expect, fillTransfer, test } from "./support/fixtures";

const MEMO = `<b id="injected">Rent</b> & <i>thanks</i>`;

test("a memo with markup reaches the recipient's page as the text that was typed", async ({
  page,
  request,
  user,
  createUser,
  signInAs,
}) => {
  const sender = await createUser();
  const token = await apiSignIn(request, sender);
  const sent = await apiTransfer(
    request,
    token,
    { fromAccountId: sender.accountId, toAccountNumber: user.accountNumber, amount: "12.00", memo: MEMO },
    randomUUID(),
  );
  expect(sent.status()).toBe(201);

  await signInAs(page, user);
  await page.goto("/dashboard");
  // The dashboard's recent activity shows it first, then the account's history.
  await expect(
    page.getByRole("table", { name: "Recent activity" }).getByRole("cell", { name: MEMO, exact: true }),
  ).toBeVisible();
  await expect(page.locator("#injected"), "the memo added no element to the dashboard").toHaveCount(0);
  await page.goto(`/accounts/${user.accountId}`);
  await expect(page.locator("#injected"), "the memo added no element to the page").toHaveCount(0);
  await expect(page.getByRole("cell", { name: MEMO, exact: true })).toBeVisible();
});

test("the sender's receipt shows the memo as text too", async ({ page, user, createUser, signInAs }) => {
  const payee = await createUser();
  await signInAs(page, user);
  await fillTransfer(page, payee, "12.00", MEMO);
  await page.getByRole("button", { name: "Send transfer" }).click();
  await expect(page.getByRole("heading", { name: "Transfer sent" })).toBeVisible();
  await expect(page.locator("#injected")).toHaveCount(0);
  await expect(page.getByRole("definition").filter({ hasText: MEMO })).toHaveText(MEMO);
});
