// One user's flood of password checks and another user's sign-in behind it, for the fair-hashing
// spec and the unfair-hash-queue attack. The signal is the order of answers, not their timings:
// how many of the flood's checks were answered before the bystander's sign-in was.
import type { APIRequestContext } from "@playwright/test";
import { apiSignIn, apiSignInAttempt, apiStepUpAttempt, ownAddress } from "./api";
import type { TestUser } from "./fixtures";

/** Sessions the flooder signs in, and correct step-ups sent at once on each (under the 5-attempt limit). */
export const FLOOD_SESSIONS = 3;
export const STEP_UPS_PER_SESSION = 4;
export const FLOOD_CHECKS = FLOOD_SESSIONS * STEP_UPS_PER_SESSION;

/**
 * The flooder sends FLOOD_CHECKS correct step-ups at once (each a bcrypt check, as in the
 * review's "five correct step-ups at a time from one API session"). Once the first is answered,
 * every other one is queued at the server; then the bystander signs in. Returns how many of
 * the flood's step-ups had been answered when the bystander's sign-in was (and its status).
 */
export async function floodThenSignIn(
  request: APIRequestContext,
  flooder: TestUser,
  bystander: TestUser,
): Promise<{ floodAnsweredBefore: number; signInStatus: number }> {
  const tokens: string[] = [];
  for (let i = 0; i < FLOOD_SESSIONS; i++) tokens.push(await apiSignIn(request, flooder, ownAddress()));
  let answered = 0;
  const flood = tokens.flatMap((token) =>
    Array.from({ length: STEP_UPS_PER_SESSION }, () =>
      apiStepUpAttempt(request, token, flooder.password).then(() => answered++),
    ),
  );
  await Promise.race(flood);
  const signIn = await apiSignInAttempt(request, bystander, ownAddress());
  const floodAnsweredBefore = answered;
  await Promise.all(flood);
  return { floodAnsweredBefore, signInStatus: signIn.status() };
}
