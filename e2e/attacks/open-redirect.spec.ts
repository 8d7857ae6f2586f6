// Attack (lab flaw `open-redirect`): a phishing mail links to the genuine sign-in page with
// `?next=` set to Mallory's look-alike site. The victim checks the address bar, signs in on the
// real bank, and is sent on to the look-alike ("session expired, sign in again").
import { startAttackerSite } from "../support/attacker-site";
import { expect, expectAttack, test } from "../support/fixtures";

test("a genuine sign-in ends on the attacker's look-alike site", async ({ page, user, baseURL, target }) => {
  const lookalike = await startAttackerSite(
    "<!doctype html><title>Vaultline</title><h1>Session expired: sign in again</h1>",
  );
  try {
    const phish = lookalike.url("127.0.0.1");
    await page.goto(`/signin?next=${encodeURIComponent(phish)}`);
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL((url) => url.pathname !== "/signin");
    const landed = page.url();
    // Only two outcomes count: the bank's dashboard, or the look-alike.
    expect([`${baseURL}/dashboard`, phish]).toContain(landed);
    expectAttack(target, landed === phish);
  } finally {
    await lookalike.close();
  }
});
