// Attack (lab flaw `token-in-logs`): Mallory reads the server's log (an operator's terminal, a
// log service, a foothold on the log host). She finds the line the victim's sign-in wrote and
// presents the session it names as the cookie. A fingerprint of the hash, all a secure server
// writes, opens nothing.
import { expect, expectAttack, idStillWorks, test } from "../support/fixtures";
import { signInLogLines } from "../support/log-secrets";
import { serverLogPath } from "../support/servers";

test("the victim's sign-in line in the server log opens the victim's accounts", async ({
  newDevice,
  browser,
  baseURL,
  server,
  user,
  target,
}) => {
  // The victim signs in, in a browser of their own: the server logs the sign-in.
  await newDevice();

  // Mallory knows whose session she is after: every line about a user names the user's id.
  const [line] = await signInLogLines(serverLogPath(server), user.id, 1);
  const logged = (JSON.parse(line!) as { session?: string }).session;
  expect(logged, "the sign-in line names its session").toBeDefined();

  expectAttack(target, await idStillWorks(browser, baseURL!, logged!, user));
});
