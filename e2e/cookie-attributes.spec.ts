// Threat: a session cookie that script can read (XSS steals it), that rides cross-site requests
// (CSRF), that is shared with other hosts, or that outlives the browser. Defense: the cookie
// attributes built in one place, lib/session/cookies.ts: HttpOnly, SameSite=Strict, Path=/,
// no Domain, no Max-Age/Expires. (__Host- and Secure over HTTPS: lib/session/cookies.test.ts.)
import { expect, SESSION_COOKIE, signIn, test } from "./support/fixtures";

test("the session cookie is HttpOnly, SameSite=Strict, host-only and ends with the browser", async ({ page, user }) => {
  const signInResponse = page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials"));
  await signIn(page, user);
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

test("the token is 256 bits of opaque randomness and only its hash is stored", async ({ page, user, db }) => {
  await signIn(page, user);
  const cookie = (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE);
  expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
  const session = await db.session.findFirst({ where: { userId: user.id } });
  expect(session?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  expect(session?.tokenHash).not.toContain(cookie!.value);
});
