// Attack (lab flaw `no-server-logout`, over the API): Mallory copied the victim's bearer token
// (a backup of the phone, a debugging proxy). The victim signs out in the app, believing that
// ends it; Mallory replays the copy.
import { bearer, expect, test } from "../support/api";
import { expectAttack } from "../support/fixtures";

test("a token copied before sign-out still reads the accounts afterwards", async ({
  request,
  apiToken: token,
  target,
}) => {
  const signOut = await request.delete("/api/v1/sessions/current", { headers: bearer(token) });
  expect(signOut.status()).toBe(204);

  const replay = await request.get("/api/v1/accounts", { headers: bearer(token) });
  expectAttack(target, replay.status() === 200);
});
