// Attack (lab flaw `no-absolute-timeout`): Mallory stole a session and keeps it busy so the idle
// timeout never fires. A minute past the absolute lifetime (12 hours) it still works.
import { attackOutcome, ageSession, expectAttack, test } from "../support/fixtures";
import { POLICY } from "../support/policy";

test("a stolen session kept busy still works past its absolute lifetime", async ({
  signedInPage: page,
  user,
  db,
  target,
}) => {
  await ageSession(db, user.id, { ageMinutes: POLICY.absoluteLifetimeHours * 60 + 1 });
  await page.goto("/profile");
  const open = await attackOutcome(page, page.getByText(user.email));
  expectAttack(target, open);
});
