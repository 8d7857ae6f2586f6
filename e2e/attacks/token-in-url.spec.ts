// Attack (lab flaw `token-in-url`): the victim opens an account page and shares its address —
// pasted into a support chat, a bug report, a message to a friend. Mallory opens the link in a
// browser of her own, without any cookie of the bank, and reads the victim's account. (The
// Referer an outside page gets would carry it too, but Referrer-Policy: same-origin, a separate
// defense, keeps full URLs on the bank's own origin.)
import { accountLink, attackOutcome, expectAttack, test } from "../support/fixtures";

test("a shared link opens the victim's account in Mallory's browser", async ({
  signedInPage: page,
  newDevice,
  user,
  target,
}) => {
  await page.goto("/dashboard");
  await accountLink(page, /Checking/).click();
  await page.waitForURL(/\/accounts\//);
  const shared = page.url();

  const mallory = await newDevice(null);
  await mallory.goto(shared);
  expectAttack(target, await attackOutcome(mallory, mallory.getByText(user.accountNumber)));
});
