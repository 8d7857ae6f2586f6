// Threat: next-auth's own routes contradict the session store: `POST /api/auth/signout` answers
// success while the Vaultline session stays valid (a user or a client library believes it signed
// out), and routes the app never uses answer 500s with error text. Defense: the next-auth route
// (app/api/auth/[...nextauth]/route.ts) passes on only the two endpoints the sign-in form calls,
// `GET /api/auth/csrf` and `POST /api/auth/callback/credentials`; everything else is the API's
// JSON 404.
import { expectErrorShape } from "./support/error-shape";
import { expect, sessionCookieValue, test } from "./support/fixtures";
import { answerOf } from "./support/hostile";

const ROUTES = [
  "signin",
  "signin/credentials",
  "signout",
  "callback/credentials",
  "session",
  "csrf",
  "providers",
  "error",
  "_log",
  "verify-request",
];

const USED = ["GET csrf", "POST callback/credentials"];

test("only the two routes the sign-in form uses exist; the rest are 404, never a 5xx", async ({ request }) => {
  for (const route of ROUTES) {
    for (const method of ["GET", "POST"] as const) {
      const response = await request.fetch(`/api/auth/${route}`, {
        method,
        form: method === "POST" ? { json: "true" } : undefined,
        maxRedirects: 0,
      });
      const name = `${method} ${route}`;
      expect(response.status(), name).toBeLessThan(500);
      if (USED.includes(name)) expect(response.status(), name).not.toBe(404);
      else expectErrorShape(await answerOf(response), "not_found", name);
    }
  }
  for (const path of [
    "/api/auth",
    "/api/auth/callback/github",
    "/api/auth/callback%2Fcredentials",
    "/api/auth/csrf/extra",
  ]) {
    expectErrorShape(await answerOf(await request.get(path)), "not_found", path);
    expectErrorShape(await answerOf(await request.post(path, { form: { json: "true" } })), "not_found", path);
  }
});

test("next-auth's sign-out does not pretend: the Vaultline session stays the same live session", async ({
  signedInPage: page,
  user,
  db,
}) => {
  const cookie = await sessionCookieValue(page);
  const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
  expect(csrfToken).toBeTruthy();

  // With a valid CSRF token, exactly as next-auth/react's signOut() would send it.
  const response = await page.request.post("/api/auth/signout", {
    form: { csrfToken, callbackUrl: "/signin", json: "true" },
  });
  expect(response.status()).toBe(404);

  const live = await db.session.findMany({ where: { userId: user.id, endedAt: null } });
  expect(live).toHaveLength(1);
  expect(await sessionCookieValue(page)).toBe(cookie);
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: `Welcome, ${user.name}` })).toBeVisible();
});

test("the sign-in form talks to exactly those two routes and still follows `next`", async ({ page, user }) => {
  const calls: string[] = [];
  page.on("request", (r) => {
    const { pathname } = new URL(r.url());
    if (pathname.startsWith("/api/auth/")) calls.push(`${r.method()} ${pathname.slice("/api/auth/".length)}`);
  });
  await page.goto("/signin?next=/profile");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("Incorrect email or password.")).toBeVisible();

  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL("**/profile");
  expect(new Set(calls)).toEqual(new Set(USED));
});
