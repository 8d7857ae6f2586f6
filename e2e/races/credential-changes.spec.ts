// Threat: revocation as a snapshot. A password change used to end the sessions that existed at
// that moment, and nothing more: a thief signing in with the old password again and again had
// sign-ins in flight, which read the old hash before the change and wrote their session after
// it, and those sessions lived on (12 of 19 in an outside review). The same gap let a step-up in
// flight, or a rotation, outlive "sign out everywhere else" or an administrator's "end all".
// Defense: credentials have a generation (lib/session/validate.ts `checkSession`): a session is
// live only while the generation it was authenticated with is the user's, and a password change
// or an "end all" raises it in the same transaction that ends the sessions (lib/session/revoke.ts).
// Every write to a user's sessions holds the user's row lock (lib/session/store.ts
// `withUserSessionsLocked`), so a revocation never misses a row a rotation had not committed.
// Proof: each race fired RACE_ROUNDS times, RACE_WIDTH at once, over two instances.
import { randomUUID } from "node:crypto";
import {
  actionIdOf,
  after,
  carrying,
  expect,
  isLive,
  postAction,
  raceFetch,
  race,
  test,
  type RaceSession,
} from "../support/races";

type SignInAnswer = { status: number; session: RaceSession | null };

async function apiSignIn(baseURL: string, email: string, password: string): Promise<SignInAnswer> {
  const response = await raceFetch(`${baseURL}/api/v1/sessions`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...carrying({ token: "", id: "" }, "web") },
    body: JSON.stringify({ email, password }),
  });
  const body = (await response.json()) as { token?: string };
  return { status: response.status, session: body.token ? { token: body.token, id: "" } : null };
}

async function apiStepUp(baseURL: string, session: RaceSession, password: string): Promise<SignInAnswer> {
  const response = await raceFetch(`${baseURL}/api/v1/sessions/current/step-up`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...carrying(session, "api") },
    body: JSON.stringify({ password }),
  });
  const body = (await response.json()) as { token?: string };
  return { status: response.status, session: body.token ? { token: body.token, id: "" } : null };
}

/** The sessions among `sessions` that an instance still accepts, asking each instance in turn. */
async function liveAmong(instances: { baseURL: string }[], sessions: RaceSession[]): Promise<number> {
  const answers = await Promise.all(
    sessions.map((session, i) => isLive(instances[i % instances.length]!.baseURL, session, "api")),
  );
  return answers.filter(Boolean).length;
}

/** The sessions the answers handed out (a sign-in's token, a step-up's new token). */
function issued(answers: SignInAnswer[]): RaceSession[] {
  return answers.flatMap((answer) => (answer.session ? [answer.session] : []));
}

test.describe("credential changes against requests in flight", { tag: "@postgres" }, () => {
  // Each round waits for one real password hash at the server's cost (the test servers' lowest:
  // what races here is the order of the writes around it, not bcrypt).
  test.describe.configure({ timeout: 300_000 });

  test("no sign-in in flight with the old password outlives a password change", async ({
    instances,
    createRacer,
    openSession,
    db,
  }) => {
    const victim = await createRacer();
    let password = victim.password;
    const changeOn = instances[0]!.baseURL;
    const actionId = await actionIdOf(changeOn, "/security/password", await openSession(victim));
    await race(instances, {
      setup: async () => {
        // The throttle is not under test: old failures must not turn this round's racers away.
        await db.signInFailure.deleteMany({});
        const own = await openSession(victim);
        const next = `new-${randomUUID()}`;
        const change = postAction(changeOn, "/security/password", actionId, own, {
          currentPassword: password,
          newPassword: next,
          confirmPassword: next,
        });
        return { old: password, next, change };
      },
      // The thief signs in with the old password every few milliseconds while the change runs.
      fire: async ({ old }, i, baseURL) => {
        await after(i * 25);
        return apiSignIn(baseURL, victim.email, old);
      },
      check: async ({ next, change }, answers, round) => {
        const changed = await change;
        expect(changed.body, `round ${round}: the change went through`).toContain('"status":"done"');
        password = next;
        for (const answer of answers) {
          expect([201, 401, 429], `round ${round}: sign-in answered ${answer.status}`).toContain(answer.status);
        }
        const live = await liveAmong(instances, issued(answers));
        expect(live, `round ${round}: sessions signed in with the old password, live after the change`).toBe(0);
      },
    });
  });

  test("no step-up in flight with the old password outlives a password change", async ({
    instances,
    createRacer,
    openSession,
  }) => {
    const victim = await createRacer();
    let password = victim.password;
    const changeOn = instances[0]!.baseURL;
    const actionId = await actionIdOf(changeOn, "/security/password", await openSession(victim));
    await race(instances, {
      setup: async () => {
        const own = await openSession(victim);
        const thieves = await Promise.all(
          Array.from({ length: 8 }, () => openSession(victim, { client: "api", fresh: false })),
        );
        const next = `new-${randomUUID()}`;
        const change = postAction(changeOn, "/security/password", actionId, own, {
          currentPassword: password,
          newPassword: next,
          confirmPassword: next,
        });
        return { old: password, next, change, thieves };
      },
      // Spread over the change's own hash time, so some step-ups are still in flight as it commits.
      fire: async ({ old, thieves }, i, baseURL) => {
        await after(i * 40);
        return apiStepUp(baseURL, thieves[i]!, old);
      },
      check: async ({ next, change, thieves }, answers, round) => {
        const changed = await change;
        expect(changed.body, `round ${round}: the change went through`).toContain('"status":"done"');
        password = next;
        const live = await liveAmong(instances, [...thieves, ...issued(answers)]);
        expect(live, `round ${round}: thief sessions (stepped up or not) live after the change`).toBe(0);
      },
    });
  });

  test("sign out everywhere else ends every other session, step-ups in flight included", async ({
    instances,
    createRacer,
    openSession,
  }) => {
    const user = await createRacer();
    const on = instances[0]!.baseURL;
    const actionId = await actionIdOf(on, "/security/sessions", await openSession(user));
    await race(instances, {
      setup: async () => {
        const own = await openSession(user);
        const others = await Promise.all(
          Array.from({ length: 8 }, () => openSession(user, { client: "api", fresh: false })),
        );
        const signOutOthers = postAction(on, "/security/sessions", actionId, own, { target: "others" });
        return { own, others, signOutOthers };
      },
      fire: async ({ others }, i, baseURL) => {
        await after(i * 5);
        return apiStepUp(baseURL, others[i]!, user.password);
      },
      check: async ({ own, others, signOutOthers }, answers, round) => {
        const done = await signOutOthers;
        expect(done.redirect, `round ${round}: ${done.status} ${done.body.slice(0, 200)}`).toMatch(
          /^\/security\/sessions\?ended=\d+;push$/,
        );
        expect(await isLive(on, own, "web"), "the session that asked stays signed in").toBe(true);
        const live = await liveAmong(instances, [...others, ...issued(answers)]);
        expect(live, `round ${round}: other sessions (or their step-ups) live after sign-out everywhere else`).toBe(0);
      },
    });
  });

  test("an administrator's end-all leaves no session alive, step-ups in flight included", async ({
    instances,
    createRacer,
    openSession,
  }) => {
    const admin = await createRacer({ role: "admin" });
    const customer = await createRacer();
    const on = instances[0]!.baseURL;
    const panel = await openSession(admin, { elevated: true });
    const actionId = await endAllActionId(on, panel, customer.email);
    await race(instances, {
      setup: async () => {
        const sessions = await Promise.all(
          Array.from({ length: 8 }, () => openSession(customer, { client: "api", fresh: false })),
        );
        const endAll = postAction(on, "/admin", actionId, panel, { userId: customer.id }, { stateful: false });
        return { sessions, endAll };
      },
      fire: async ({ sessions }, i, baseURL) => {
        await after(i * 5);
        return apiStepUp(baseURL, sessions[i]!, customer.password);
      },
      check: async ({ sessions, endAll }, answers, round) => {
        const done = await endAll;
        expect(done.redirect, `round ${round}: ${done.status} ${done.body.slice(0, 200)}`).toBe("/admin;push");
        const live = await liveAmong(instances, [...sessions, ...issued(answers)]);
        expect(live, `round ${round}: customer sessions live after the administrator ended them all`).toBe(0);
      },
    });
  });
});

/** The action ID of the panel's "End all sessions" form for `email`. */
async function endAllActionId(baseURL: string, panel: RaceSession, email: string): Promise<string> {
  const response = await raceFetch(`${baseURL}/admin`, { headers: carrying(panel), redirect: "manual" });
  const html = await response.text();
  const form = [...html.matchAll(/<form[^>]*>(.*?)<\/form>/gs)]
    .map((m) => m[1]!)
    .find((body) => body.includes(`End all sessions of ${email}`));
  const id = form && /name="\$ACTION_ID_([0-9a-f]+)"/.exec(form)?.[1];
  if (!id) throw new Error(`no "End all sessions" form for ${email} on /admin (${response.status})`);
  return id;
}
