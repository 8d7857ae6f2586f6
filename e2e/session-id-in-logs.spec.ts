// Threat: session IDs in server logs. Whoever reads a server's output (an operator, a log
// service, an attacker with a foothold on the log host) could replay any token it holds, and
// logs are read by more people and kept longer than the database. Defense: the line a sign-in
// writes names the session by the fingerprint of its hash, as the security events do
// (lib/session/lifecycle.ts, lib/session/tokens.ts). e2e/secrets-in-logs.spec.ts searches every
// server's whole output once the run is over; this spec reads the line as a sign-in writes it.
import { apiSignIn, ownAddress } from "./support/api";
import { expect, sessionCookieValue, test, TEST_PASSWORD } from "./support/fixtures";
import { findLeaks, signInLogLines, tokenHash } from "./support/log-secrets";
import { serverLogPath } from "./support/servers";
import { TOKEN_POLICY } from "@/lib/session/policy";

test("a sign-in is logged with its session's fingerprint, never its token", async ({
  signedInPage: page,
  request,
  server,
  user,
}) => {
  const tokens = { web: (await sessionCookieValue(page))!, api: await apiSignIn(request, user, ownAddress()) };
  const lines = await signInLogLines(serverLogPath(server), user.id, 2);

  for (const [client, token] of Object.entries(tokens)) {
    const line = lines.find((l) => l.includes(`"client":"${client}"`));
    expect(line, `the ${client} sign-in's line`).toBeDefined();
    const hash = tokenHash(token);
    expect(findLeaks(line!, { passwords: [TEST_PASSWORD], tokenHashes: new Set([hash]) }), line).toEqual([]);
    expect(JSON.parse(line!)).toMatchObject({ session: hash.slice(0, TOKEN_POLICY.fingerprintLength) });
  }
});
