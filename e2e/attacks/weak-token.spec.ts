// Attack (lab flaw `weak-token`): Mallory signs in and decodes her own session cookie. If it is
// nothing but the time it was issued and her email, she writes the victim's email in its place
// and counts the seconds back from her own, asking the bank about each candidate until one
// opens the victim's accounts. 256 random bits give her nothing to work from.
import { expectAttack, idStillWorks, SESSION_COOKIE, sessionCookieValue, test } from "../support/fixtures";

const TOKEN_BYTES = 32;

// Sessions issued between the victim's and Mallory's (other people signing in meanwhile) move
// the counter on; a few hundred seconds back cover a busy server.
const SECONDS_TO_TRY = 300;
const PROBES_AT_ONCE = 10;

/** The layout Mallory reads in her own ID: "<unix seconds>.<email>", dot-padded to 32 bytes. */
function idFor(stamp: number, email: string): string {
  const bytes = Buffer.alloc(TOKEN_BYTES, ".");
  bytes.write(`${stamp}.${email}`);
  return bytes.toString("base64url");
}

test("Mallory computes a signed-in victim's session ID from her own", async ({
  newDevice,
  browser,
  baseURL,
  request,
  user,
  createUser,
  target,
}) => {
  const mallory = await createUser();
  // The victim signs in, then Mallory, on devices of their own.
  await newDevice();
  const own = (await sessionCookieValue(await newDevice(mallory)))!;

  // Her own ID, decoded: is it her email and a time, and nothing else?
  const stamp = Number(/^(\d{10})\./.exec(Buffer.from(own, "base64url").toString("latin1"))?.[1]);
  const derivable = idFor(stamp, mallory.email) === own;

  let found: string | undefined;
  const candidates = derivable
    ? Array.from({ length: SECONDS_TO_TRY }, (_, i) => idFor(stamp - 1 - i, user.email))
    : [];
  for (let i = 0; i < candidates.length && !found; i += PROBES_AT_ONCE) {
    const batch = candidates.slice(i, i + PROBES_AT_ONCE);
    // The timeout warning's status poll: answers 200 for a live session, and extends nothing.
    const answers = await Promise.all(
      batch.map((id) => request.get("/session/status?tier=low", { headers: { Cookie: `${SESSION_COOKIE}=${id}` } })),
    );
    found = batch.find((_, j) => answers[j]!.status() === 200);
  }

  expectAttack(target, !!found && (await idStillWorks(browser, baseURL!, found, user)));
});
