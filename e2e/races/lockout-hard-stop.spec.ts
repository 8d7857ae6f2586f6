// Threat: the hard stop raced. An account one failure short of the stop (19 of 20) gets many
// guesses at once, spread over two instances: if each read the count before any was written,
// all of them would be checked. Defense: each attempt is a failure row written before the
// count is read (lib/auth/throttle.ts `beginSignInAttempt`, `throttleDecision`), so of
// attempts in flight at once at most one sees room for a check; the rest are refused with the
// answer a wrong password gets, and the account is locked. Policy value: 20 consecutive
// failures (lib/auth/throttle-policy.ts). Proof: RACE_ROUNDS rounds of RACE_WIDTH at once.
import { randomUUID } from "node:crypto";
import { request as httpRequest } from "node:http";
import { SIGN_IN_THROTTLE } from "@/lib/auth/throttle-policy";
import { documentationAddress } from "../support/api";
import { eventTimes, type TestUser } from "../support/fixtures";
import { addSignInFailures } from "../support/sign-in-failures";
import { expect, race, test } from "../support/races";

const { hardStopFailures } = SIGN_IN_THROTTLE.account;

/**
 * One API sign-in on a connection of its own (no keep-alive): a pooled socket the server closes
 * between rounds, after its 5-second idle timeout, would fail the request rather than the race.
 */
function signInStatus(baseURL: string, email: string, password: string): Promise<number> {
  const body = JSON.stringify({ email, password });
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${baseURL}/api/v1/sessions`,
      {
        method: "POST",
        agent: false,
        headers: { "Content-Type": "application/json", "X-Forwarded-For": documentationAddress() },
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

test.describe("the sign-in hard stop under concurrent guesses", { tag: "@postgres" }, () => {
  test("one failure short of the stop, many guesses at once: at most one password is checked", async ({
    instances,
    createRacer,
    db,
  }) => {
    test.setTimeout(180_000);
    await race<TestUser, number>(instances, {
      setup: async () => {
        const racer = await createRacer();
        // A day-old campaign: every wait it earned is over, one check is left.
        await addSignInFailures(db, racer.email, hardStopFailures - 1, 24 * 60);
        return racer;
      },
      fire: (racer, i, baseURL) => signInStatus(baseURL, racer.email, `guess-${i}-${randomUUID()}`),
      check: async (racer, statuses) => {
        expect(statuses.every((status) => status === 401)).toBe(true);
        const checked = await eventTimes(db, {
          userId: racer.id,
          type: "sign_in_failure",
          detail: { contains: "wrong_password" },
        });
        expect(checked).toBeLessThanOrEqual(1);
        // Stopped: the right password is refused, and the account shows as locked.
        expect(await signInStatus(instances[0]!.baseURL, racer.email, racer.password)).toBe(401);
        expect((await db.user.findUniqueOrThrow({ where: { id: racer.id } })).lockedAt).not.toBeNull();
      },
    });
  });
});
