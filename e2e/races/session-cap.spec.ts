// Threat: one account holding sessions without end. Every sign-in is a row the server keeps and
// a token that works for 12 hours; a script (or a thief with the password) can pile them up,
// and nothing told the owner. Defense: at most maxLiveSessionsPerUser live sessions per user
// (lib/session/policy.ts); a sign-in beyond it ends the oldest, which is told `session_limit`.
// The count and the ending happen under the user's row lock (lib/session/store.ts
// `createSessionWithinCap`), so sign-ins landing at once on two instances count one after another.
// Proof: RACE_ROUNDS rounds of RACE_WIDTH simultaneous sign-ins over two instances.
import { POLICY_PRESETS } from "@/lib/session/policy";
import { carrying, expect, race, raceFetch, test } from "../support/races";

const CAP = POLICY_PRESETS.default.maxLiveSessionsPerUser;

async function apiSignIn(baseURL: string, email: string, password: string): Promise<number> {
  const response = await raceFetch(`${baseURL}/api/v1/sessions`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...carrying({ token: "", id: "" }, "web") },
    body: JSON.stringify({ email, password }),
  });
  return response.status;
}

test.describe("the cap on a user's live sessions", { tag: "@postgres" }, () => {
  test.describe.configure({ timeout: 180_000 });

  test("simultaneous sign-ins over two instances never leave more live sessions than the cap", async ({
    instances,
    createRacer,
    db,
  }) => {
    const racer = await createRacer();
    let signedIn = 0;
    await race(instances, {
      setup: async () => {
        // The throttle is not under test: sign-ins in flight count as failures until they succeed.
        await db.signInFailure.deleteMany({});
      },
      fire: (_state, _i, baseURL) => apiSignIn(baseURL, racer.email, racer.password),
      check: async (_state, statuses, round) => {
        for (const status of statuses)
          expect([201, 429], `round ${round}: sign-in answered ${status}`).toContain(status);
        signedIn += statuses.filter((status) => status === 201).length;
        const live = await db.session.count({ where: { userId: racer.id, endedAt: null } });
        // Never over the cap, and never fewer than it needed: only the oldest over it end.
        expect(live, `round ${round}: live sessions after ${signedIn} sign-ins`).toBe(Math.min(signedIn, CAP));
      },
    });
    // The cap was reached, and what went over it ended with the reason its owner is told.
    expect(signedIn).toBeGreaterThan(CAP);
    const limited = await db.session.count({ where: { userId: racer.id, endReason: "session_limit" } });
    expect(limited).toBe(signedIn - CAP);
  });
});
