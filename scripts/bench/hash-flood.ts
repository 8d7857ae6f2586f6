// The bench's fairness figure: other users' sign-in latency while one user floods the bcrypt
// gate with correct step-ups (issue 19: five at a time from one API session made everyone's
// sign-in 5.5 times slower). Bystanders sign in one after another, first alone, then while the
// flooder keeps STEP_UPS_AT_ONCE correct step-ups in flight on each of FLOOD_SESSIONS sessions.
import bcrypt from "bcrypt";
import { PRODUCTION_HASH_COST } from "../../lib/auth/password-rules";
import { percentiles, postJson } from "./measure";
import { createUsers, type BenchServer } from "./servers";

const FLOOD_SESSIONS = 3;
const STEP_UPS_AT_ONCE = 4;
const PASSWORD = "bench-password-long-enough-1";

type Answer = { status: number; body: unknown };

export async function hashFlood(server: BenchServer, sizes: { signIns: number }): Promise<Record<string, number>> {
  const [flooder, ...bystanders] = await createUsers(server.db, sizes.signIns + 1, await bcrypt.hash(PASSWORD, PRODUCTION_HASH_COST));
  const signIn = (email: string, i: number) =>
    postJson(`${server.url}/api/v1/sessions`, { email, password: PASSWORD }, { "x-forwarded-for": `198.51.100.${(i % 250) + 1}` });
  const signInTimes = async () => {
    const times: number[] = [];
    for (const [i, user] of bystanders.entries()) {
      const started = performance.now();
      const answer = await signIn(user.email, i);
      if (answer.status !== 201) throw new Error(`hash flood: a bystander's sign-in answered ${answer.status}`);
      times.push(performance.now() - started);
    }
    return percentiles(times);
  };
  const alone = await signInTimes();
  const tokens = await Promise.all(Array.from({ length: FLOOD_SESSIONS }, (_, i) => signIn(flooder!.email, 200 + i).then(tokenOf)));
  let flooding = true;
  let floodChecks = 0;
  const flood = Promise.all(
    tokens.map(async (first) => {
      let token = first;
      while (flooding) {
        const answers = await Promise.all(Array.from({ length: STEP_UPS_AT_ONCE }, () => stepUp(server.url, token)));
        floodChecks += answers.length;
        const renewed = answers.find((a) => a.status === 200);
        if (!renewed) break; // the family's step-up budget is spent: this session's flood ends
        token = tokenOf(renewed);
      }
    }),
  );
  const during = await signInTimes();
  flooding = false;
  await flood;
  return {
    hash_flood_signins: bystanders.length,
    hash_flood_checks: floodChecks,
    hash_flood_signin_p99_alone_ms: alone.p99,
    hash_flood_signin_p99_during_ms: during.p99,
    hash_flood_signin_p99_ratio: during.p99 / alone.p99,
  };
}

function stepUp(url: string, token: string): Promise<Answer> {
  return postJson(`${url}/api/v1/sessions/current/step-up`, { password: PASSWORD }, { authorization: `Bearer ${token}` });
}

function tokenOf(answer: Answer): string {
  const token = (answer.body as { token?: unknown }).token;
  if (typeof token !== "string") throw new Error(`hash flood: no token in an answer ${answer.status}`);
  return token;
}
