// Threat: online guessing of the password through a stolen session, with many step-ups at once
// so that every guess is checked before any is counted, and the right password recognised by its
// different answer. Defense: each attempt is counted before its password is checked, in one
// conditional write that only succeeds under the limit (reservePasswordAttempt in
// lib/session/store.ts, checkSessionPassword in lib/session/step-up.ts): at most 5 passwords
// are ever checked (stepUpMaxFailures), and every answer after the limit is the same, whatever
// the password. The same code serves the transfer form, admin entry, the sessions page and the
// password change. Runs on SQLite and PostgreSQL (@postgres).
import type { APIResponse } from "@playwright/test";
import { apiSignIn, apiStepUpAttempt } from "./support/api";
import { eventTimes, expect, test } from "./support/fixtures";

const GUESSES = 30;
const LIMIT = 5;

async function answer(response: APIResponse) {
  return { status: response.status(), body: await response.json() };
}

test(
  "30 concurrent wrong guesses: only 5 passwords are checked, the rest get one identical answer",
  { tag: "@postgres" },
  async ({ request, user, db }) => {
    const stolen = await apiSignIn(request, user);
    const answers = await Promise.all(
      Array.from({ length: GUESSES }, (_, i) => apiStepUpAttempt(request, stolen, `wrong-guess-${i}`).then(answer)),
    );

    const checked = await eventTimes(db, { userId: user.id, type: "step_up_failure" });
    expect(checked, "passwords checked with bcrypt").toBe(LIMIT);
    const afterLimit = answers.filter((a) => a.status !== 403);
    expect(afterLimit.length).toBeGreaterThanOrEqual(GUESSES - LIMIT + 1);
    for (const a of afterLimit) expect(a).toEqual({ status: 401, body: afterLimit[0]!.body });
    expect(afterLimit[0]!.body.reason).toBe("step_up_failures");

    // The right password after the limit is not even checked: the same answer, no new token.
    expect(await answer(await apiStepUpAttempt(request, stolen, user.password))).toEqual(afterLimit[0]);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(1);
  },
);

test(
  "29 wrong guesses at once and the right one as soon as they reach the limit: the right one learns nothing",
  { tag: "@postgres" },
  async ({ request, user, db }) => {
    const stolen = await apiSignIn(request, user);
    const { id } = await db.session.findFirstOrThrow({ where: { userId: user.id } });
    const wrong = Array.from({ length: GUESSES - 1 }, (_, i) =>
      apiStepUpAttempt(request, stolen, `wrong-guess-${i}`).then(answer),
    );
    // The right password goes out once the wrong guesses have taken every attempt (each is counted
    // before its password is checked): whatever the timing, it arrives after the limit.
    await expect
      .poll(async () => (await db.session.findUniqueOrThrow({ where: { id } })).stepUpFailures)
      .toBeGreaterThanOrEqual(LIMIT);
    const right = await answer(await apiStepUpAttempt(request, stolen, user.password));
    const answers = [...(await Promise.all(wrong)), right];

    expect(right.status, "the right password, after the limit").toBe(401);
    expect(right.body.reason).toBe("step_up_failures");
    const checked = await eventTimes(db, { userId: user.id, type: "step_up_failure" });
    expect(checked, "passwords checked: the wrong ones within the limit, never the right one").toBe(LIMIT);
    // Wrong guesses within the limit may learn how many attempts are left; every other answer,
    // the right password's included, is one and the same refusal.
    const refusals = answers.filter((a) => a.status !== 403);
    expect(refusals.length).toBeGreaterThanOrEqual(GUESSES - LIMIT + 1);
    for (const a of refusals) expect(a, "every answer after the limit is the same").toEqual(right);
    expect(await db.session.count({ where: { userId: user.id } }), "no new token was issued").toBe(1);
  },
);
