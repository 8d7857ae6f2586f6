// The demos a class cannot perform by hand (guesses at once, hours of guessing, a sign-in racing a
// password change), run from a button on the flaw's page: the lab plays Mallory against its own
// bank, over HTTP through the public API as any client would, and reports every answer it got.
// The score board counts the same attempts from the inside as they arrive. Lab mode only.
import "server-only";
import { changePassword } from "@/lib/auth/change-password";
import { hashPassword } from "@/lib/auth/password";
import { hashEmail } from "@/lib/auth/throttle";
import { db } from "@/lib/db";
import { appOrigin } from "@/lib/env";
import { findSessionByHash } from "@/lib/session/store";
import { hashToken } from "@/lib/session/tokens";
import { demoUser } from "@/prisma/seed";

export type BurstReport = {
  /** How many requests were sent. */
  sent: number;
  /** Each kind of answer (status and error code) and how many came back. */
  answers: { answer: string; count: number }[];
  /** Whether the attack reached its goal, in words. */
  verdict: string;
  succeeded: boolean;
};

// The victim's demo account and password (prisma/seed.ts): the password stands for the guess on
// Mallory's list that happens to be right.
const ALICE = demoUser("alice@vaultline.test");
const BOB = demoUser("bob@vaultline.test");
const MALLORY = demoUser("mallory@vaultline.test");
// As the attempt-race attack spec sends them: more than the 5-attempt limit, then the right one.
const STEP_UP_GUESSES = 14;
// One past the sign-in limit's first step, and no more: every guess from this machine also counts
// against its address, which the whole class shares.
const SIGN_IN_GUESSES = 6;
// Six hours of the patient attacker's rhythm: five guesses, then an hour's pause.
const SLOW_ROUNDS = 6;
const GUESSES_PER_ROUND = 5;
// Mallory's sign-ins in flight at once while Alice's change commits, as the attack spec runs them.
const SIGN_INS_IN_FLIGHT = 3;
// Mallory's flood, as the attack spec sends it: correct step-ups (under the attempt limit) at
// once on each of her sessions.
const FLOOD_SESSIONS = 3;
const STEP_UPS_PER_SESSION = 4;

/**
 * attempt-race: with Alice's session stolen but not her password, guesses sent all at once to
 * step-up, and while they are still being checked, the right password.
 */
async function stepUpGuessBurst(): Promise<BurstReport> {
  const token = await signIn(ALICE);
  if (!token) return notSignedIn("Alice");
  const burst = Array.from({ length: STEP_UP_GUESSES }, (_, i) => stepUp(token, `guess-${i}`));
  // The first answer back means the burst has reached the bank; the rest are still in flight.
  await Promise.race(burst);
  const right = await stepUp(token, ALICE.password);
  const answers = [...(await Promise.all(burst)), right];
  const confirmed = right === "200 confirmed";
  return report(answers, confirmed, {
    yes: "The right password was confirmed after more guesses than the limit allows: the limit never arrived.",
    no: "The right password came too late: at most 5 guesses were checked, and the session ended.",
  });
}

/** no-login-throttle: one guess after another at Bob's password, then the right one. */
async function signInGuesses(): Promise<BurstReport> {
  const answers: string[] = [];
  for (let guess = 0; guess < SIGN_IN_GUESSES; guess++) answers.push(await signInAnswer(BOB.email, `guess-${guess}`));
  const right = await signInAnswer(BOB.email, BOB.password);
  answers.push(right);
  return report(answers, right === "201 signed in", {
    yes: "The right password, guessed after the limit, signed Mallory in: guessing goes on for ever.",
    no: "The right password was refused unchecked: past the limit, every guess waits.",
  });
}

/**
 * no-lockout-escalation: five guesses at Bob's password, then the lab moves them an hour into the
 * past (as its time travel ages sessions), six times over; last, the right password.
 */
async function slowGuessing(): Promise<BurstReport> {
  const answers: string[] = [];
  for (let round = 0; round < SLOW_ROUNDS; round++) {
    for (let guess = 0; guess < GUESSES_PER_ROUND; guess++) {
      answers.push(await signInAnswer(BOB.email, `guess-${round}-${guess}`));
    }
    await pushSignInFailuresBack(BOB.email, 61);
  }
  const right = await signInAnswer(BOB.email, BOB.password);
  answers.push(right);
  return report(answers, right === "201 signed in", {
    yes: "Six hours of slow guessing, and the right password still signed Mallory in: the limit never grows.",
    no: "After 20 failures in a row no password is checked, the right one included, until an administrator unlocks Bob.",
  });
}

/** The email's failed sign-ins (and so this address's) as if made `minutes` earlier. */
async function pushSignInFailuresBack(email: string, minutes: number): Promise<void> {
  const rows = await db.signInFailure.findMany({ where: { emailHash: hashEmail(email) } });
  for (const row of rows) {
    const createdAt = new Date(row.createdAt.getTime() - minutes * 60_000);
    await db.signInFailure.update({ where: { id: row.id }, data: { createdAt } });
  }
}

/**
 * revocation-snapshot: Mallory knows Alice's password and signs in with it again and again while
 * Alice changes it (the lab changes it for her, through the security page's own code). Then
 * Mallory uses every session she got; last, Alice's demo password is put back for the next demo.
 */
async function signInsDuringPasswordChange(): Promise<BurstReport> {
  const token = await signIn(ALICE);
  const alice = token ? await findSessionByHash(hashToken(token)) : null;
  if (!alice) return notSignedIn("Alice");
  const answers: string[] = [];
  const stolen: string[] = [];
  let changing = true;
  const mallory = async () => {
    while (changing) {
      const response = await post("/api/v1/sessions", { email: ALICE.email, password: ALICE.password });
      answers.push(response.status === 201 ? "201 signed in" : await answerOf(response));
      if (response.status === 201) stolen.push(((await response.json()) as { token: string }).token);
    }
  };
  const thieves = Array.from({ length: SIGN_INS_IN_FLIGHT }, mallory);
  await changePassword(alice, `${ALICE.password}-changed`);
  changing = false;
  await Promise.all(thieves);
  const used = await Promise.all(stolen.map((t) => get("/api/v1/accounts", t)));
  answers.push(...used.map((status) => `${status} with a session got before or during the change`));
  await db.user.update({ where: { id: alice.userId }, data: { passwordHash: await hashPassword(ALICE.password) } });
  return report(answers, used.includes(200), {
    yes: "A session Mallory signed in with the old password works after the change: revocation missed it.",
    no: "Every session Mallory got with the old password was refused at its first use.",
  });
}

/**
 * unfair-hash-queue: Mallory floods the bank's bcrypt with correct step-ups on her own sessions;
 * once the first is answered, Alice signs in. Counts Mallory's answers that came before Alice's.
 */
async function floodThenAliceSignsIn(): Promise<BurstReport> {
  const tokens: string[] = [];
  for (let i = 0; i < FLOOD_SESSIONS; i++) {
    const token = await signIn(MALLORY);
    if (!token) return notSignedIn("Mallory");
    tokens.push(token);
  }
  let answeredBefore = 0;
  let aliceAnswered = false;
  const flood = tokens.flatMap((token) =>
    Array.from({ length: STEP_UPS_PER_SESSION }, async () => {
      const answer = await stepUp(token, MALLORY.password);
      if (!aliceAnswered) answeredBefore++;
      return answer;
    }),
  );
  await Promise.race(flood);
  const alice = await signInAnswer(ALICE.email, ALICE.password);
  aliceAnswered = true;
  const answers = [...(await Promise.all(flood)), `Alice: ${alice}`];
  // As the attack spec judges it: Alice starved when half the flood or more came before her.
  const total = tokens.length * STEP_UPS_PER_SESSION;
  return report(answers, answeredBefore >= total / 2, {
    yes: `Alice's sign-in waited behind ${answeredBefore} of Mallory's ${total} checks: one customer slows everyone.`,
    no: `Alice's sign-in came after ${answeredBefore} of Mallory's ${total} checks: she waited for little more than the one running.`,
  });
}

async function signIn(user: { email: string; password: string }): Promise<string | null> {
  const response = await post("/api/v1/sessions", { email: user.email, password: user.password });
  if (response.status !== 201) return null;
  return ((await response.json()) as { token: string }).token;
}

async function signInAnswer(email: string, password: string): Promise<string> {
  const response = await post("/api/v1/sessions", { email, password });
  return response.status === 201 ? "201 signed in" : answerOf(response);
}

async function stepUp(token: string, password: string): Promise<string> {
  const response = await post("/api/v1/sessions/current/step-up", { password }, { Authorization: `Bearer ${token}` });
  return response.status === 200 ? "200 confirmed" : answerOf(response);
}

async function get(path: string, token: string): Promise<number> {
  return (await fetch(`${appOrigin()}${path}`, { headers: { Authorization: `Bearer ${token}` } })).status;
}

function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${appOrigin()}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

/** "401 wrong_password": the status and the API's error code. */
async function answerOf(response: Response): Promise<string> {
  const body = (await response.json().catch(() => ({}))) as { error?: unknown };
  return `${response.status} ${typeof body.error === "string" ? body.error : ""}`.trim();
}

function report(answers: string[], succeeded: boolean, verdicts: { yes: string; no: string }): BurstReport {
  const counts = new Map<string, number>();
  for (const answer of answers) counts.set(answer, (counts.get(answer) ?? 0) + 1);
  return {
    sent: answers.length,
    answers: [...counts].map(([answer, count]) => ({ answer, count })),
    verdict: succeeded ? verdicts.yes : verdicts.no,
    succeeded,
  };
}

function notSignedIn(who: string): BurstReport {
  return {
    sent: 1,
    answers: [],
    verdict: `${who} could not be signed in for the demo: reset the demo data and try again.`,
    succeeded: false,
  };
}

/** The flaws whose page runs its attack from a button: the attack each runs, and the button's words. */
export const BURSTS = {
  "attempt-race": { attack: stepUpGuessBurst, button: "Run the guesses as Mallory" },
  "no-login-throttle": { attack: signInGuesses, button: "Run the guesses as Mallory" },
  "no-lockout-escalation": { attack: slowGuessing, button: "Run six hours of slow guessing as Mallory" },
  "unfair-hash-queue": { attack: floodThenAliceSignsIn, button: "Flood the bank's password checks as Mallory" },
  "revocation-snapshot": {
    attack: signInsDuringPasswordChange,
    button: "Sign in as Mallory again and again while Alice changes her password",
  },
} as const;
export type BurstFlaw = keyof typeof BURSTS;

export function isBurstFlaw(name: string): name is BurstFlaw {
  return Object.hasOwn(BURSTS, name);
}
