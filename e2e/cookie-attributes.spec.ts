// Threat: a session cookie that script can read (XSS steals it), that rides cross-site requests
// (CSRF), that is shared with other hosts, that outlives the browser, or whose value can be
// worked out from another one. Defense: the cookie attributes built in one place,
// lib/session/cookies.ts: HttpOnly, SameSite=Strict, Path=/, no Domain, no Max-Age/Expires
// (__Host- and Secure over HTTPS: lib/session/cookies.test.ts); the value is 256 bits from the
// platform CSPRNG (lib/session/tokens.ts), stored only as its SHA-256.
import { expect, SESSION_COOKIE, sessionCookieValue, signInWithForm, test } from "./support/fixtures";

test("the session cookie is HttpOnly, SameSite=Strict, host-only and ends with the browser", async ({ page, user }) => {
  const signInResponse = page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials"));
  await signInWithForm(page, user);
  const setCookies = (await (await signInResponse).headersArray())
    .filter((h) => h.name.toLowerCase() === "set-cookie")
    .map((h) => h.value)
    .filter((v) => v.startsWith(`${SESSION_COOKIE}=`));
  expect(setCookies).toHaveLength(1);
  const header = setCookies[0]!;
  expect(header).toMatch(/;\s*HttpOnly/i);
  expect(header).toMatch(/;\s*SameSite=Strict/i);
  expect(header).toMatch(/;\s*Path=\/(;|$)/i);
  expect(header).not.toMatch(/;\s*Domain=/i);
  expect(header).not.toMatch(/;\s*(Max-Age|Expires)=/i);

  const cookie = (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE);
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/", expires: -1 });
  expect(await page.evaluate(() => document.cookie)).not.toContain(SESSION_COOKIE);
});

test("the token is 256 bits of opaque randomness and only its hash is stored", async ({
  signedInPage: page,
  user,
  db,
}) => {
  const cookie = (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE);
  expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
  const session = await db.session.findFirst({ where: { userId: user.id } });
  expect(session?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  expect(session?.tokenHash).not.toContain(cookie!.value);
});

// Two random 256-bit IDs differ in 128 bits on average (standard deviation 8): fewer than 80
// differing bits happens by chance about once in a billion. IDs built from anything shared —
// the user, the time, a counter — differ in far fewer.
const MIN_DIFFERING_BITS = 80;

test("session IDs issued moments apart share no structure", async ({ page, user, createUser, signInAs, newDevice }) => {
  const other = await createUser();
  await signInAs(page, user);
  await page.goto("/dashboard");
  const devices = [await newDevice(user), await newDevice(other)];
  const ids = [];
  for (const signedIn of [page, ...devices]) ids.push(Buffer.from((await sessionCookieValue(signedIn))!, "base64url"));
  for (const device of devices) await device.context().close();
  for (const [i, a] of ids.entries()) {
    for (const b of ids.slice(i + 1))
      expect(differingBits(a, b), "bits that differ between two session IDs").toBeGreaterThanOrEqual(
        MIN_DIFFERING_BITS,
      );
  }
});

function differingBits(a: Buffer, b: Buffer): number {
  let count = 0;
  for (const [i, byte] of a.entries()) {
    for (let x = byte ^ (b[i] ?? 0); x > 0; x >>= 1) count += x & 1;
  }
  return count;
}
