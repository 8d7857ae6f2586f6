// Attack (lab flaw `no-idle-timeout`): the victim walks away from a signed-in computer. An hour
// later someone else sits down and opens the bank: without server-side idle expiry it is open.
// A minute past the longest idle limit (the low tier's, 60 minutes): every tier has closed.
import { attackOutcome, ageSession, expectAttack, test } from "../support/fixtures";
import { pastIdleLimit } from "../support/policy";

test("a session left idle past every tier's limit still opens the account", async ({
  signedInPage: page,
  user,
  db,
  target,
}) => {
  await ageSession(db, user.id, { idleMinutes: pastIdleLimit("low") });
  await page.goto("/dashboard");
  const open = await attackOutcome(page, page.getByRole("heading", { name: `Welcome, ${user.name}` }));
  expectAttack(target, open);
});
