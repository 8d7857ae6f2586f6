// Attack (lab flaw `attempt-race`): with a stolen session but not the password, Mallory sends
// 14 step-up guesses at once and, while they are still being checked, the victim's real
// password. Counted before checking, at most 5 guesses are ever checked and the real one comes
// too late; checked first and counted after, the guesses all read the same count and overwrite
// each other's, the limit never arrives, and the real password is confirmed.
import { apiSignIn, apiStepUpAttempt, expect, ownAddress, test } from "../support/api";
import { expectAttack } from "../support/fixtures";

const WRONG_GUESSES = 14;

test("a burst of step-up guesses gets past the 5-attempt limit and confirms the password", async ({
  request,
  createUser,
  target,
}) => {
  // At production's bcrypt cost: each guess must still be waiting for its check when the real
  // password is sent, as on a real server. At a test user's lowest cost the first answers come
  // back before the rest of the burst has been counted, and the real password is one of the
  // first five attempts, which the secure server rightly checks.
  const victim = await createUser({ productionCost: true });
  const stolen = await apiSignIn(request, victim, ownAddress());
  const burst = Array.from({ length: WRONG_GUESSES }, (_, i) => apiStepUpAttempt(request, stolen, `guess-${i}`));
  // The first answer back means the burst has reached the server; the rest are still in flight.
  await Promise.race(burst);
  const real = await apiStepUpAttempt(request, stolen, victim.password);
  await Promise.all(burst);
  // Either the password was confirmed, or it was refused like every guess after the limit.
  expect([200, 401]).toContain(real.status());
  expectAttack(target, real.status() === 200);
});
