// Threat: a client writes its own X-Forwarded-For. A new value per request slips past the
// per-address sign-in limit (credential stuffing at full speed); someone else's address locks
// its owner out; 8 KB of text posing as an address is stored with sessions, failures and
// security events and shown in the admin panel. Defense: the client address is the socket's,
// or, behind TRUSTED_PROXY_COUNT proxies, the entry the outermost of them appended
// (lib/session/client-address.ts); server.mjs hands the socket address to the app in a header
// it always overwrites; only a valid IP address, in one canonical spelling, is ever stored.
// Policy value: 20 failures per address in 15 minutes (lib/auth/throttle-policy.ts);
// TRUSTED_PROXY_COUNT=0 by default (this spec's own direct server) and 1 on the main e2e servers.
import { randomUUID } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { apiSignInAttempt, documentationAddress, expectApiError, type Headers } from "./support/api";
import { expect, test } from "./support/fixtures";
import { SIGN_IN_THROTTLE } from "@/lib/auth/throttle-policy";
import { MAX_USER_AGENT_LENGTH } from "@/lib/session/client-address";

const maxFailuresPerIp = SIGN_IN_THROTTLE.address.failuresPerStep;
const LOOPBACK = ["127.0.0.1", "::1"];
const HUGE = "6".repeat(8 * 1024);
// Seeded into every fresh database, including the direct server's own.
const BOB = { email: "bob@vaultline.test", password: "bob-demo-pass-1" };

/** The real client's address as stored: loopback, whichever family the connection used. */
function expectLoopback(ip: string | null): void {
  const shown = ip && ip.length > 60 ? `${ip.slice(0, 60)}… (${ip.length} characters)` : ip;
  expect(LOOPBACK.includes(ip ?? ""), `stored address: ${shown}`).toBe(true);
}

function strangerEmail(): string {
  return `stuffing-${randomUUID().slice(0, 8)}@vaultline.test`;
}

/** Fails sign-in as `count` different unknown emails, each request with headers of its own. */
async function failSignIns(request: APIRequestContext, count: number, headers: () => Headers): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    await expectApiError(
      await apiSignInAttempt(request, { email: strangerEmail(), password: "password123" }, headers()),
      401,
      "invalid_credentials",
    );
  }
}

test.describe("a directly exposed server (no proxy in front)", () => {
  // One server for the group, whose tests run in order; each starts with no failures counted.
  test.describe.configure({ mode: "default" });
  test.beforeEach(async ({ ownServer }) => {
    await (await ownServer("direct")).db.signInFailure.deleteMany({});
  });

  test("a new forged X-Forwarded-For per request neither evades the per-address limit nor blames anyone else", async ({
    ownServer,
  }) => {
    const server = await ownServer("direct");
    const { api } = server;
    test.slow(); // 21 sign-ins, each paying for a real bcrypt compare
    const forged: string[] = [];
    const forge = () => {
      forged.push(documentationAddress());
      return { "X-Forwarded-For": forged.at(-1)! };
    };
    await failSignIns(api, maxFailuresPerIp, forge);
    // The same client, yet another forged address, the right password: refused unchecked.
    await expectApiError(await apiSignInAttempt(api, BOB, forge()), 429, "throttled");
    const failures = await server.db.signInFailure.findMany({ select: { ip: true } });
    expect(failures).toHaveLength(maxFailuresPerIp);
    for (const failure of failures) expectLoopback(failure.ip);
    // The lock reads failures by address: no forged address has any to be locked by.
    expect(await server.db.signInFailure.count({ where: { ip: { in: forged } } })).toBe(0);
  });

  test("the stored address is the socket's: nothing from a forged header, 8 KB or one named like the server's own; the user agent is cut", async ({
    ownServer,
  }) => {
    const server = await ownServer("direct");
    const { api } = server;
    const response = await apiSignInAttempt(api, BOB, {
      "X-Forwarded-For": HUGE,
      "X-Vaultline-Peer-Address": "203.0.113.66",
      "X-Vaultline-Peer-Key": "guessed",
      // Node refuses more than 16 KB of headers in all; 2 KB of user agent is far past the cap.
      "User-Agent": "x".repeat(4 * MAX_USER_AGENT_LENGTH),
    });
    expect(response.status()).toBe(201);
    const bob = await server.db.user.findUniqueOrThrow({ where: { email: BOB.email } });
    const session = await server.db.session.findFirstOrThrow({
      where: { userId: bob.id },
      orderBy: { createdAt: "desc" },
    });
    expectLoopback(session.ip);
    expect(session.userAgent).toHaveLength(MAX_USER_AGENT_LENGTH);
    const event = await server.db.securityEvent.findFirstOrThrow({
      where: { userId: bob.id, type: "sign_in_success" },
      orderBy: { createdAt: "desc" },
    });
    expectLoopback(event.ip);
  });
});

test.describe("behind one trusted proxy (the main e2e server)", () => {
  // Here the test plays the proxy: the last X-Forwarded-For entry is the address it "saw";
  // everything left of it is what the client sent.
  test("entries the client prepends are ignored: no evasion, no lockout of the address it names", async ({
    request,
    user,
    db,
  }) => {
    test.slow(); // 22 sign-ins, each paying for a real bcrypt compare
    const victim = documentationAddress();
    const attacker = documentationAddress();
    const prepended = () => ({ "X-Forwarded-For": `${documentationAddress()}, ${victim}, ${attacker}` });
    await failSignIns(request, maxFailuresPerIp, prepended);
    await expectApiError(await apiSignInAttempt(request, user, prepended()), 429, "throttled");
    // The victim, reported by the proxy as itself, signs in; 8 KB the client prepended is ignored.
    const response = await apiSignInAttempt(request, user, { "X-Forwarded-For": `${HUGE}, ${victim}` });
    expect(response.status()).toBe(201);
    const session = await db.session.findFirstOrThrow({ where: { userId: user.id } });
    expect(session.ip).toBe(victim);
    expect(await db.signInFailure.count({ where: { ip: attacker } })).toBe(maxFailuresPerIp);
    expect(await db.signInFailure.count({ where: { ip: victim } })).toBe(0);
  });
});
