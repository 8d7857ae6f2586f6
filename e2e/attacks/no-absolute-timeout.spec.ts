// Attack (lab flaw `no-absolute-timeout`): Mallory stole a session and keeps it busy so the idle
// timeout never fires. Thirteen hours later it still works.
import { attackOutcome, ageSession, expectAttack, signIn, test } from "../support/fixtures";

test("a stolen session kept busy still works after 13 hours", async ({ page, user, db, target }) => {
  await signIn(page, user);
  await ageSession(db, user.id, { ageMinutes: 13 * 60 });
  await page.goto("/profile");
  const open = await attackOutcome(page, page.getByText(user.email));
  expectAttack(target, open);
});
