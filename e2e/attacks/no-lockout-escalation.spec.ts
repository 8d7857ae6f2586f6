// Attack (lab flaw `no-lockout-escalation`): Mallory guesses the victim's password slowly, five
// guesses then a pause, around the clock, from a new address each round. Six hours are
// simulated in seconds: after each round the failures are moved an hour into the past, which
// serves any wait the server set. The victim's password is the last guess. The secure server
// stops checking after 20 consecutive failures; the flawed one waits 15 minutes at most, forever.
import { apiSignInAttempt, ownAddress } from "../support/api";
import { expectAttack, test } from "../support/fixtures";
import { ageSignInFailures } from "../support/sign-in-failures";

const ROUNDS = 6;
const GUESSES_PER_ROUND = 5;

test("six hours of slow guessing still gets the victim's password checked", async ({ request, user, db, target }) => {
  test.slow(); // 31 sign-ins, each paying for a real bcrypt compare
  for (let round = 0; round < ROUNDS; round += 1) {
    const address = ownAddress();
    for (let i = 0; i < GUESSES_PER_ROUND; i += 1) {
      await apiSignInAttempt(request, { email: user.email, password: `guess-${round}-${i}` }, address);
    }
    await ageSignInFailures(db, user.email, 61);
  }
  const last = await apiSignInAttempt(request, user, ownAddress());
  expectAttack(target, last.status() === 201);
});
