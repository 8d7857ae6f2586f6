// Attack (lab flaw `tier-reopen`): Mallory finds the victim's session left open 20 minutes: the
// transfer tier (15 min) has closed. She opens the profile (a low page, 60 min), whose visit
// resets the idle clock, then the security settings (high). With the ceiling, the gap closed the
// high tier for good; without it, only the latest gap counts and the high tier opens again.
import { ageSession, attackOutcome, expectAttack, signIn, test } from "../support/fixtures";

test("a low-tier visit after 20 idle minutes reopens the high tier", async ({ page, user, db, target }) => {
  await signIn(page, user);
  await ageSession(db, user.id, { idleMinutes: 20 });
  await page.goto("/profile");
  await page.goto("/security");
  expectAttack(target, await attackOutcome(page, page.getByRole("heading", { name: "Security", exact: true })));
});
