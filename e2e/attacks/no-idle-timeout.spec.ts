// Attack (lab flaw `no-idle-timeout`): the victim walks away from a signed-in computer. An hour
// later someone else sits down and opens the bank: without server-side idle expiry it is open.
import { attackOutcome, ageSession, expectAttack, signIn, test } from "../support/fixtures";

test("a session left idle for 61 minutes still opens the account", async ({ page, user, db, target }) => {
  await signIn(page, user);
  await ageSession(db, user.id, { idleMinutes: 61 });
  await page.goto("/dashboard");
  const open = await attackOutcome(page, page.getByRole("heading", { name: `Welcome, ${user.name}` }));
  expectAttack(target, open);
});
