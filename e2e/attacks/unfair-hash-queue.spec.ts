// Attack (lab flaw `unfair-hash-queue`): Mallory keeps the bcrypt gate busy with correct
// step-ups, a dozen at a time, which no attempt limit refuses. With one first-come-first-served
// line, a bystander's sign-in waits behind all of them; with one line per user in front of the
// gate, Mallory's checks wait behind each other and the bystander waits for at most one or two.
import { FLOOD_CHECKS, floodThenSignIn } from "../support/hash-flood";
import { expect, expectAttack, test } from "../support/fixtures";

// A dozen and more real bcrypt checks at the server's cost.
test.describe.configure({ timeout: 120_000 });

test("a flood of one user's correct step-ups makes another user's sign-in wait behind most of it", async ({
  request,
  createUser,
  target,
}) => {
  // At production's bcrypt cost: the queue only shows when each check takes real time.
  const mallory = await createUser({ productionCost: true });
  const alice = await createUser({ productionCost: true });
  const { floodAnsweredBefore, signInStatus } = await floodThenSignIn(request, mallory, alice);
  expect(signInStatus).toBe(201);
  expectAttack(target, floodAnsweredBefore >= FLOOD_CHECKS / 2);
});
