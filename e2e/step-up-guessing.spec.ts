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
import { expect, test } from "./support/fixtures";

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

    const checked = await db.securityEvent.count({ where: { userId: user.id, type: "step_up_failure" } });
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
  "29 wrong guesses and the right one last, all at once: the right one learns nothing",
  { tag: "@postgres" },
  async ({ request, user, db }) => {
    const stolen = await apiSignIn(request, user);
    const passwords = [...Array.from({ length: GUESSES - 1 }, (_, i) => `wrong-guess-${i}`), user.password];
    const answers = await Promise.all(passwords.map((p) => apiStepUpAttempt(request, stolen, p).then(answer)));

    const wrongChecked = await db.securityEvent.count({ where: { userId: user.id, type: "step_up_failure" } });
    const rightChecked = answers.at(-1)!.status === 200 ? 1 : 0;
    expect(wrongChecked + rightChecked, "never more passwords checked than the limit").toBeLessThanOrEqual(LIMIT);
    // Unless the right guess was among the first five counted (a legitimate success within the
    // limit), its answer is exactly the refusal every guess after the limit got.
    if (rightChecked === 0) {
      const refusals = answers.filter((a) => a.status === 401);
      for (const a of refusals) expect(a).toEqual(answers.at(-1));
      expect(answers.at(-1)!.body.reason).toBe("step_up_failures");
      expect(await db.session.count({ where: { userId: user.id } }), "no new token was issued").toBe(1);
    }
  },
);
