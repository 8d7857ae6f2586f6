// Attack (lab flaw `tier-reopen`): Mallory finds the victim's session left open past the transfer
// tier's idle limit (15 min) and within the others': that tier has closed. She opens the profile
// (a low page, 60 min), whose visit resets the idle clock, then the security settings (high).
// With the ceiling, the gap closed the high tier for good; without it, only the latest gap
// counts and the high tier opens again.
import { ageSession, attackOutcome, expectAttack, test } from "../support/fixtures";
import { idleBetween } from "../support/policy";

test("a low-tier visit after an idle gap past the high tier reopens the high tier", async ({
  signedInPage: page,
  user,
  db,
  target,
}) => {
  await ageSession(db, user.id, { idleMinutes: idleBetween("high", "medium") });
  await page.goto("/profile");
  await page.goto("/security");
  expectAttack(target, await attackOutcome(page, page.getByRole("heading", { name: "Security", exact: true })));
});
