// Threat: an ID copied before a privilege change (step-up) inherits the fresh authentication.
// Defense: a successful step-up issues a new session ID in the same response and ends the old
// one on the server at once (rotateCurrentSession in lib/session/lifecycle.ts); tier, family
// and absolute deadline carry over.
import {
  expect,
  fillTransfer,
  idStillWorks,
  makeStepUpDue,
  SESSION_COOKIE,
  sessionCookieValue,
  test,
} from "./support/fixtures";

test("step-up issues a new ID and the old one is dead at once", async ({
  page,
  browser,
  baseURL,
  user,
  createUser,
  db,
  signInAs,
}) => {
  const payee = await createUser();
  await signInAs(page, user);
  await makeStepUpDue(db, user);
  const before = await sessionCookieValue(page);
  const oldRow = await db.session.findFirstOrThrow({ where: { userId: user.id, endedAt: null } });

  await fillTransfer(page, payee, "5.00");
  await page.getByRole("button", { name: "Send transfer" }).click();
  await page.getByLabel("Password").fill(user.password);
  const stepUpResponse = page.waitForResponse((r) => r.request().method() === "POST" && r.url().endsWith("/transfers"));
  await page.getByRole("button", { name: "Confirm transfer" }).click();
  const setCookie =
    (await (await stepUpResponse).headersArray()).find((h) => h.name.toLowerCase() === "set-cookie")?.value ?? "";
  await expect(page.getByRole("heading", { name: "Transfer sent" })).toBeVisible();

  const after = await sessionCookieValue(page);
  expect(after).toBeTruthy();
  expect(after).not.toBe(before);
  expect(setCookie, "the new cookie comes with the step-up response").toContain(`${SESSION_COOKIE}=${after}`);

  const newRow = await db.session.findFirstOrThrow({ where: { userId: user.id, endedAt: null } });
  expect(newRow.familyId).toBe(oldRow.familyId);
  expect(newRow.expiresAt).toEqual(oldRow.expiresAt);
  expect(newRow.rotatedFromId).toBe(oldRow.id);
  expect((await db.session.findUniqueOrThrow({ where: { id: oldRow.id } })).endReason).toBe("rotated");

  expect(await idStillWorks(browser, baseURL!, before!, user), "the pre-step-up ID is dead").toBe(false);
});
