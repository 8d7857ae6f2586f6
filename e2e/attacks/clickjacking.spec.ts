// Attack (lab flaw `clickjacking`): Mallory's page on another origin of the same site (another
// port: SameSite ignores ports, so the victim's cookie rides along) frames the bank's dashboard
// under a decoy ("Click to claim your prize"), so the victim's clicks land on the real, signed-in
// bank. With frame-ancestors 'none' and X-Frame-Options: DENY the browser refuses to show it.
import { startAttackerSite } from "../support/attacker-site";
import { expect, expectAttack, test } from "../support/fixtures";

test("another origin frames the victim's signed-in dashboard", async ({
  signedInPage: page,
  user,
  baseURL,
  target,
}) => {
  const decoy = await startAttackerSite(
    `<!doctype html><title>Claim your prize</title><button>Click to claim your prize</button><iframe src="${baseURL}/dashboard" width="900" height="700" style="opacity:0.01;position:absolute;top:0;left:0"></iframe>`,
  );
  try {
    await page.goto(decoy.url("localhost"));
    const framed = () =>
      page
        .frames()
        .find((f) => f !== page.mainFrame())
        ?.url() ?? "";
    await expect.poll(framed).not.toMatch(/^(about:blank)?$/);
    // Either the browser refused to render the bank (its error page) or the dashboard shows.
    expect(framed()).toMatch(/^(chrome-error:|http:\/\/localhost:\d+\/dashboard$)/);
    const shown = framed().endsWith("/dashboard");
    if (shown)
      await expect(page.frameLocator("iframe").getByRole("heading", { name: `Welcome, ${user.name}` })).toBeVisible();
    expectAttack(target, shown);
  } finally {
    await decoy.close();
  }
});
