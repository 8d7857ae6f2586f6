// Attack (lab flaw `csrf`): the signed-in victim visits Mallory's page on another site
// (http://127.0.0.1, the bank being http://localhost), which submits a form to the bank as soon
// as it loads. It signs the victim out; or, open beside an idle bank tab, it keeps the session
// alive past its idle limit with the victim's own cookie. The flaw turns off both layers:
// SameSite keeps the cookie off the forged keep-alive, and the same-origin check in proxy.ts
// refuses both writes. SameSite alone cannot stop the sign-out — clearing a cookie needs no
// cookie — which is why the bank checks the origin of every write. A forged transfer is refused
// even with both off: Next.js aborts a server action whose Origin is not the host it was sent
// to (its own check, compiled into the server, answering 500), so no money moves.
import type { Page } from "@playwright/test";
import { forgedFormPage, startAttackerSite, type ForgedForm } from "../support/attacker-site";
import { ageSession, expect, expectAttack, sessionCookieValue, test } from "../support/fixtures";
import { POLICY } from "../support/policy";

/** Lures the victim's page to Mallory's site and returns the status of the bank's answer. */
async function visitAttackerSite(page: Page, form: ForgedForm): Promise<number> {
  const site = await startAttackerSite(forgedFormPage(form));
  try {
    const target = new URL(form.action).pathname;
    const answer = page.waitForResponse((r) => new URL(r.url()).pathname === target && r.request().method() === "POST");
    await page.goto(site.url("127.0.0.1"));
    return (await answer).status();
  } finally {
    await site.close();
  }
}

test("another site's page signs the victim out", async ({ signedInPage: page, baseURL, target }) => {
  const status = await visitAttackerSite(page, { action: `${baseURL}/signout`, fields: {} });
  // Only two outcomes count: refused (403), or done (303 to the sign-in page).
  expect([303, 403]).toContain(status);
  // Signed out: the bank took the session cookie out of the victim's browser.
  expectAttack(target, status === 303 && (await sessionCookieValue(page)) === undefined);
});

test("another site's page keeps an idle session alive", async ({ signedInPage: page, user, db, baseURL, target }) => {
  // A minute short of the high tier's limit: the forged keep-alive is what would carry it past.
  await ageSession(db, user.id, { idleMinutes: POLICY.idleTimeoutMinutes.high - 1 });
  const before = await db.session.findFirstOrThrow({ where: { userId: user.id } });
  const status = await visitAttackerSite(page, { action: `${baseURL}/session/keep-alive?tier=high`, fields: {} });
  // Only three outcomes count: refused (403), no session on the request (401), or extended (200).
  expect([200, 401, 403]).toContain(status);
  const after = await db.session.findFirstOrThrow({ where: { userId: user.id } });
  expectAttack(target, status === 200 && after.lastSeenAt > before.lastSeenAt && after.endedAt === null);
});
