// Threat: a token that travels where it can leak or be ridden: in a URL (logs, history,
// Referer), or across transports, where a page's cookie would let a cross-site request reach the
// API and an API token would open pages. Defense: lib/session/bearer.ts reads only the
// Authorization header and refuses a token in the query string with 400 (never echoing it);
// validateSessionToken refuses a token on the wrong transport (web cookie ≠ API bearer).
import { bearer, expect, expectApiError, test } from "../support/api";
import { idStillWorks, SESSION_COOKIE, sessionCookieValue } from "../support/fixtures";

test("a token in the query string is refused with 400 and never echoed", async ({ request, apiToken: token, user }) => {
  for (const query of [`access_token=${token}`, `token=${token}`, `t=${token}`]) {
    const response = await request.get(`/api/v1/accounts?${query}`);
    await expectApiError(response, 400, "token_in_url");
    expect(await response.text()).not.toContain(token);
    // Even alongside a valid header: a client that leaks its token must find out.
    await expectApiError(
      await request.get(`/api/v1/accounts?${query}`, { headers: bearer(token) }),
      400,
      "token_in_url",
    );
  }
  await expectApiError(
    await request.post(`/api/v1/sessions?access_token=${token}`, { data: user }),
    400,
    "token_in_url",
  );
});

test("the web session cookie is refused by the API, as a cookie or as a bearer token", async ({
  signedInPage: page,
  user,
}) => {
  const cookie = (await sessionCookieValue(page))!;
  // As a cross-site request riding the browser's cookie would present it.
  const withCookie = await page.request.get("/api/v1/accounts", { headers: { Cookie: `${SESSION_COOKIE}=${cookie}` } });
  expect((await expectApiError(withCookie, 401, "unauthenticated")).reason).toBe("missing");
  const asBearer = await page.request.get("/api/v1/accounts", { headers: bearer(cookie) });
  expect((await expectApiError(asBearer, 401, "unauthenticated")).reason).toBe("missing");
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: `Welcome, ${user.name}` })).toBeVisible();
});

test("an API token opens no page, as a bearer header or as a cookie", async ({
  browser,
  baseURL,
  request,
  apiToken: token,
  user,
}) => {
  const viaHeader = await request.get("/dashboard", { headers: bearer(token), maxRedirects: 0 });
  expect(viaHeader.status()).toBe(307);
  expect(viaHeader.headers()["location"]).toContain("/signin");

  expect(await idStillWorks(browser, baseURL!, token, user), "an API token is no cookie").toBe(false);
  expect((await request.get("/api/v1/accounts", { headers: bearer(token) })).status()).toBe(200);
});

test("API answers, successes and errors alike, are never cached", async ({ request, apiToken: token }) => {
  for (const response of [
    await request.get("/api/v1/accounts", { headers: bearer(token) }),
    await request.get("/api/v1/sessions/current", { headers: bearer(token) }),
    await request.get("/api/v1/accounts"),
    await request.post("/api/v1/sessions", { data: "{" }),
  ]) {
    expect(response.headers()["cache-control"], response.url()).toBe("no-store");
  }
});
