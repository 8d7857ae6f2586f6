// Threat: a foothold in the browser. A script slipped into a page (a stored memo, a compromised
// dependency) runs with the user's session; another site frames the bank and tricks clicks on
// it (clickjacking); a text response is sniffed as script. Defense: lib/security-headers.ts,
// set by proxy.ts on every response: a CSP where only scripts with this response's nonce run,
// framing refused (frame-ancestors 'none' and X-Frame-Options: DENY), nosniff, a Referrer-Policy,
// COOP, CORP, a Permissions-Policy and the rest of OWASP's Secure Headers list, X-XSS-Protection: 0
// included (HSTS over HTTPS: lib/security-headers.test.ts; the answers the proxy never sees:
// e2e/next-endpoints-fuzz.spec.ts).
import type { APIResponse, Page } from "@playwright/test";
import { startAttackerSite } from "./support/attacker-site";
import { expect, test } from "./support/fixtures";

type HeaderSource = { headers: () => Record<string, string> };

/** The CSP's script-src nonce, and every other header the defense promises. */
function expectSecurityHeaders(response: HeaderSource | APIResponse, where: string): string {
  const headers = response.headers();
  const csp = headers["content-security-policy"] ?? "";
  const nonce = /script-src 'nonce-([A-Za-z0-9+/=]+)' 'strict-dynamic'/.exec(csp)?.[1];
  expect(nonce, `${where}: script-src allows only this response's nonce`).toBeTruthy();
  expect(csp, `${where}: no inline script by default`).not.toContain("unsafe-inline");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("base-uri 'none'");
  expect(headers["x-frame-options"], where).toBe("DENY");
  expect(headers["x-content-type-options"], where).toBe("nosniff");
  expect(headers["referrer-policy"], where).toBe("same-origin");
  expect(headers["cross-origin-opener-policy"], where).toBe("same-origin");
  expect(headers["permissions-policy"], where).toContain("camera=()");
  expect(headers["cross-origin-resource-policy"], where).toBe("same-origin");
  expect(headers["x-permitted-cross-domain-policies"], where).toBe("none");
  // OWASP's recommendation: the legacy XSS auditor off (it could be turned against the page).
  expect(headers["x-xss-protection"], where).toBe("0");
  // Over plain HTTP, HSTS would be ignored by browsers and is not sent.
  expect(headers["strict-transport-security"], where).toBeUndefined();
  return nonce!;
}

test("every kind of response carries the security headers", async ({ page, user, signInAs }) => {
  const signInPage = await page.goto("/signin");
  const firstNonce = expectSecurityHeaders(signInPage!, "sign-in page");
  await signInAs(page, user);
  await page.goto("/dashboard");
  const dashboard = await page.goto("/dashboard");
  const secondNonce = expectSecurityHeaders(dashboard!, "dashboard");
  expect(secondNonce, "a fresh nonce for every response").not.toBe(firstNonce);

  const request = page.context().request;
  expectSecurityHeaders(await request.get("/session/status"), "route handler");
  expectSecurityHeaders(await request.get("/api/v1/accounts"), "API, signed out");
  expectSecurityHeaders(await request.get("/api/auth/csrf"), "next-auth route");
  expectSecurityHeaders(await request.get("/no-such-page"), "not-found page");
});

/** Serves the sign-in page with `script` added to its HTML, as an injection would, headers untouched. */
async function injectIntoSignIn(page: Page, script: (nonce: string) => string): Promise<void> {
  await page.route("**/signin", async (route) => {
    const response = await route.fetch();
    const nonce = expectSecurityHeaders(response, "sign-in page");
    const html = (await response.text()).replace("</body>", `${script(nonce)}</body>`);
    await route.fulfill({ response, body: html });
  });
}

test.describe("an injected script", () => {
  // The injected script's violation is the point of these tests: each asserts on it itself.
  test.use({ expectCspViolations: true });

  test("without the nonce does not run, and the browser reports the violation", async ({ page, cspViolations }) => {
    await injectIntoSignIn(
      page,
      () => `<script>window.injected = "script"</script><img src=x onerror="window.injected = 'handler'">`,
    );
    await page.goto("/signin");
    await expect(page.getByRole("heading", { name: "Sign in to Vaultline" })).toBeVisible();
    await expect.poll(() => cspViolations.map((v) => v.directive)).toContain("script-src-elem");
    expect(cspViolations.map((v) => v.directive)).toContain("script-src-attr");
    expect(await page.evaluate(() => (window as { injected?: string }).injected)).toBeUndefined();
  });

  test("carrying the response's nonce runs (the control: the page's own scripts do)", async ({
    page,
    cspViolations,
  }) => {
    await injectIntoSignIn(page, (nonce) => `<script nonce="${nonce}">window.injected = "script"</script>`);
    await page.goto("/signin");
    expect(await page.evaluate(() => (window as { injected?: string }).injected)).toBe("script");
    expect(cspViolations).toEqual([]);
  });
});

test("another site cannot frame the bank", async ({ page, baseURL }) => {
  const attacker = await startAttackerSite(
    `<!doctype html><title>Win a prize</title><iframe src="${baseURL}/signin" width="800" height="600"></iframe>`,
  );
  try {
    const framed = page.waitForResponse(`${baseURL}/signin`);
    await page.goto(attacker.url("127.0.0.1"));
    expectSecurityHeaders(await framed, "framed sign-in page");
    // The browser refused to render the bank's answer: the frame holds its own error page.
    const frameUrl = () =>
      page
        .frames()
        .find((f) => f !== page.mainFrame())
        ?.url() ?? "";
    await expect.poll(frameUrl).not.toMatch(/^(about:blank)?$/);
    expect(frameUrl()).toMatch(/^chrome-error:/);
    await expect(page.frameLocator("iframe").getByRole("heading", { name: "Sign in to Vaultline" })).toHaveCount(0);
  } finally {
    await attacker.close();
  }
});
