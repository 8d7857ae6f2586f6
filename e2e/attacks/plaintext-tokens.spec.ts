// Attack (lab flaw `plaintext-tokens`): Mallory gets a read of the sessions table (a leaked
// backup, a replica the whole team can query, an injected SELECT). She takes the victim's live
// rows and presents what they hold as the session cookie, and as a bearer token on the API. A
// SHA-256 digest is not a token: presented anywhere, it opens nothing.
import { apiSignIn, bearer } from "../support/api";
import { expectAttack, idStillWorks, test } from "../support/fixtures";

test("a live row of a leaked sessions table opens the victim's accounts", async ({
  newDevice,
  browser,
  baseURL,
  request,
  db,
  user,
  target,
}) => {
  // The victim is signed in twice: in a browser, and on the phone's API client.
  await newDevice();
  await apiSignIn(request, user);

  const leaked = await db.session.findMany({
    where: { userId: user.id, endedAt: null },
    select: { tokenHash: true, clientType: true },
  });
  const stored = (clientType: string) => leaked.find((row) => row.clientType === clientType)!.tokenHash;

  expectAttack(target, await idStillWorks(browser, baseURL!, stored("web"), user));
  const apiRead = await request.get("/api/v1/accounts", { headers: bearer(stored("api")) });
  expectAttack(target, apiRead.status() === 200);
});
