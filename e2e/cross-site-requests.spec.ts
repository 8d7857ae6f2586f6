// Threat: cross-site request forgery. A page on another site (or another origin of the same
// site: SameSite ignores ports and sibling subdomains) submits a form to the bank in the
// victim's browser: sign-out that deletes the cookie and orphans a live session, keep-alive that
// extends an idle session, a server action that moves money, a login into the attacker's account.
// Defense: every state-changing request passes one same-origin check in proxy.ts
// (lib/session/same-origin.ts): Sec-Fetch-Site must say same-origin, or else the Origin must be
// the app's own; a cross-site request gets a 403 before any route runs, so it has no side effect.
// Clients that send neither header (curl, mobile apps) carry no ambient cookie and still work.
// A browser is shown the refusal as a page (lib/refusal-page.ts); programs get plain text.
import type { Page } from "@playwright/test";
import { apiSignInAttempt, bearer, expectApiError } from "./support/api";
import { forgedFormPage, startAttackerSite, type AttackerHost, type ForgedForm } from "./support/attacker-site";
import { expectAccessible } from "./support/accessibility";
import { expectErrorShape } from "./support/error-shape";
import {
  ageSession,
  balanceOf,
  expect,
  SESSION_COOKIE,
  sessionCookieValue,
  test,
  type TestUser,
  transferFormFields,
} from "./support/fixtures";
import { answerOf } from "./support/hostile";
import type { Db } from "@/lib/db";

const EVIL = "http://evil.example";

/** The hidden fields React renders into a server-action form: anyone can copy them from the page. */
async function serverActionFields(page: Page, path: string): Promise<Record<string, string>> {
  await page.goto(path);
  return page
    .locator("form input[type=hidden][name^='$ACTION']")
    .evaluateAll((inputs) =>
      Object.fromEntries(inputs.map((i) => [(i as HTMLInputElement).name, (i as HTMLInputElement).value])),
    );
}

/** Lures the victim's page to the attacker's site and returns the bank's answer to the forged form. */
async function submitFromAttackerSite(page: Page, host: AttackerHost, form: ForgedForm) {
  const site = await startAttackerSite(forgedFormPage(form));
  try {
    const target = new URL(form.action).pathname;
    const answer = page.waitForResponse((r) => new URL(r.url()).pathname === target && r.request().method() === "POST");
    await page.goto(site.url(host));
    return await answer;
  } finally {
    await site.close();
  }
}

async function liveSessions(db: Db, userId: string) {
  return db.session.findMany({ where: { userId, endedAt: null } });
}

/** The victim is still signed in with the same, untouched session and cookie. */
async function expectStillSignedIn(page: Page, db: Db, user: TestUser, cookie: string | undefined) {
  const live = await liveSessions(db, user.id);
  expect(live, "the victim's session is still live on the server").toHaveLength(1);
  expect(await db.session.count({ where: { userId: user.id, endedAt: { not: null } } })).toBe(0);
  expect(await sessionCookieValue(page), "the victim's cookie is still there").toBe(cookie);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByText(user.name)).toBeVisible();
}

const SITES: { host: AttackerHost; kind: string }[] = [
  { host: "127.0.0.1", kind: "another site" },
  { host: "localhost", kind: "another origin of the same site (the Strict cookie rides along)" },
];

for (const { host, kind } of SITES) {
  test.describe(`a forged form on ${kind}`, () => {
    test("cannot sign the victim out or clear their cookie", async ({ signedInPage: page, user, db, baseURL }) => {
      const cookie = await sessionCookieValue(page);

      const answer = await submitFromAttackerSite(page, host, { action: `${baseURL}/signout`, fields: {} });
      expect(answer.status()).toBe(403);
      expect(await answer.allHeaders()).not.toHaveProperty("clear-site-data");
      expect(await answer.text()).toContain("another site");

      await expectStillSignedIn(page, db, user, cookie);
    });

    test("cannot keep an idle session alive", async ({ signedInPage: page, user, db, baseURL }) => {
      await ageSession(db, user.id, { idleMinutes: 10 });
      const [before] = await liveSessions(db, user.id);

      const answer = await submitFromAttackerSite(page, host, {
        action: `${baseURL}/session/keep-alive?tier=high`,
        fields: {},
      });
      expect(answer.status()).toBe(403);

      const [after] = await liveSessions(db, user.id);
      expect(after?.lastSeenAt, "the forged keep-alive counted as no activity").toEqual(before?.lastSeenAt);
    });

    test("cannot run the transfer server action, even right after sign-in", async ({
      page,
      user,
      createUser,
      db,
      baseURL,
      signInAs,
    }) => {
      const mallory = await createUser();
      await signInAs(page, user);
      await page.goto("/dashboard");
      const cookie = await sessionCookieValue(page);
      const actionFields = await serverActionFields(page, "/transfers");
      expect(Object.keys(actionFields).length, "the form carries its action id").toBeGreaterThan(0);

      const answer = await submitFromAttackerSite(page, host, {
        action: `${baseURL}/transfers`,
        enctype: "multipart/form-data",
        fields: {
          ...actionFields,
          ...transferFormFields(user, mallory, "900.00"),
        },
      });
      expect(answer.status()).toBe(403);
      expect(await balanceOf(db, user.accountId)).toBe(250_000);
      expect(await db.transfer.count({ where: { userId: user.id } })).toBe(0);
      await expectStillSignedIn(page, db, user, cookie);
    });

    test("cannot sign the victim into the attacker's account", async ({
      page,
      user,
      createUser,
      db,
      baseURL,
      signInAs,
    }) => {
      const mallory = await createUser();
      await signInAs(page, user);
      await page.goto("/dashboard");
      const cookie = await sessionCookieValue(page);

      const answer = await submitFromAttackerSite(page, host, {
        action: `${baseURL}/api/auth/callback/credentials`,
        fields: { email: mallory.email, password: mallory.password, callbackUrl: "/dashboard" },
      });
      expect(answer.status()).toBe(403);
      expect((await answer.json()).error).toBe("cross_site");
      expect(await db.session.count({ where: { userId: mallory.id } })).toBe(0);
      await expectStillSignedIn(page, db, user, cookie);
    });
  });
}

test.describe("the refusal", () => {
  test("a browser is shown a page, styled under the same strict CSP", async ({ signedInPage: page, baseURL }) => {
    const answer = await submitFromAttackerSite(page, "127.0.0.1", { action: `${baseURL}/signout`, fields: {} });
    expect(answer.status()).toBe(403);
    expect(answer.headers()["content-type"]).toContain("text/html");
    expect(answer.headers()["content-security-policy"]).toMatch(/style-src 'self' 'nonce-[^']+'(;|$)/);
    await expect(page.getByRole("heading", { name: "Request refused", level: 1 })).toBeVisible();
    await expect(page.getByRole("main")).toContainText("This request came from another site, so it was refused");
    // Its stylesheet applied (a linked static file; an inline style would be a CSP violation,
    // which fails the test): the message sits on a white card.
    await expect(page.getByRole("main")).toHaveCSS("background-color", "rgb(255, 255, 255)");
    await expectAccessible(page, "refusal page");
  });

  test("a program, or a server action's fetch, gets the sentence as plain text", async ({ request }) => {
    const clients: Record<string, string>[] = [{}, { Accept: "text/html", "Next-Action": "0".repeat(42) }];
    for (const headers of clients) {
      const answer = await request.post("/signout", { headers: { ...headers, Origin: EVIL }, maxRedirects: 0 });
      expect(answer.status()).toBe(403);
      expect(answer.headers()["content-type"], JSON.stringify(headers)).toBe("text/plain; charset=utf-8");
      expect(await answer.text()).toMatch(/^This request came from another site, so it was refused/);
    }
  });
});

test.describe("a request that names a foreign origin, cookie and all", () => {
  // A browser that did send the cookie (an old one, or a Lax/None cookie) would still name the
  // page's origin: the check refuses it whatever the cookie says.
  const foreign: Record<string, string>[] = [
    { Origin: EVIL },
    { Origin: "null" },
    { Origin: "http://localhost:1" },
    { "Sec-Fetch-Site": "cross-site", Origin: EVIL },
    { "Sec-Fetch-Site": "same-site" },
  ];

  test("sign-out and keep-alive are refused and change nothing", async ({ signedInPage: page, request, user, db }) => {
    const cookie = await sessionCookieValue(page);
    await ageSession(db, user.id, { idleMinutes: 10 });
    const [before] = await liveSessions(db, user.id);
    for (const headers of foreign) {
      const withCookie = { ...headers, Cookie: `${SESSION_COOKIE}=${cookie}` };
      const signOut = await request.post("/signout", { headers: withCookie, maxRedirects: 0 });
      expect(signOut.status(), JSON.stringify(headers)).toBe(403);
      expect(signOut.headers()).not.toHaveProperty("clear-site-data");
      expect(signOut.headers()["set-cookie"]).toBeUndefined();
      const keepAlive = await request.post("/session/keep-alive?tier=high", { headers: withCookie });
      expectErrorShape(await answerOf(keepAlive), "cross_site", JSON.stringify(headers));
    }
    const [after] = await liveSessions(db, user.id);
    expect(after?.id).toBe(before?.id);
    expect(after?.lastSeenAt).toEqual(before?.lastSeenAt);
  });

  test("a server action call is refused before it runs", async ({ page, request, user, createUser, db, signInAs }) => {
    const mallory = await createUser();
    await signInAs(page, user);
    await page.goto("/dashboard");
    const cookie = await sessionCookieValue(page);
    const fields = await serverActionFields(page, "/transfers");
    const reference = Object.entries(fields).find(([name]) => /^\$ACTION_\d+:0$/.test(name))?.[1];
    const actionId = (JSON.parse(reference ?? "{}") as { id?: string }).id;
    expect(actionId, "the page names the transfer action").toBeTruthy();

    const multipart = {
      ...fields,
      ...transferFormFields(user, mallory, "900.00"),
    };
    for (const headers of foreign) {
      const response = await request.post("/transfers", {
        headers: { ...headers, "Next-Action": actionId!, Cookie: `${SESSION_COOKIE}=${cookie}` },
        multipart,
        maxRedirects: 0,
      });
      expect(response.status(), JSON.stringify(headers)).toBe(403);
    }
    expect(await balanceOf(db, user.accountId)).toBe(250_000);
  });

  test("next-auth's sign-in callback answers in the API's shape", async ({ request, user, db }) => {
    for (const headers of foreign) {
      const response = await request.post("/api/auth/callback/credentials", {
        headers,
        form: { email: user.email, password: user.password, callbackUrl: "/dashboard", json: "true" },
      });
      await expectApiError(response, 403, "cross_site");
    }
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
  });

  test("the JSON API refuses writes from a browser on another origin, and serves clients that send no origin", async ({
    request,
    user,
    db,
  }) => {
    for (const headers of foreign) {
      const body = await expectApiError(await apiSignInAttempt(request, user, headers), 403, "cross_site");
      expect(body.message).toContain("another site");
    }
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);

    // A mobile app or curl sends no Origin and no Sec-Fetch-Site: it has no ambient cookie to abuse.
    const signedIn = await apiSignInAttempt(request, user);
    expect(signedIn.status()).toBe(201);
    const { token } = await signedIn.json();
    const stepUp = await request.post("/api/v1/sessions/current/step-up", {
      data: { password: user.password },
      headers: { ...bearer(token), Origin: EVIL },
    });
    await expectApiError(stepUp, 403, "cross_site");
    expect((await db.session.findFirstOrThrow({ where: { userId: user.id } })).endedAt).toBeNull();
  });
});

test.describe("the app's own same-origin requests", () => {
  test("keep-alive from the page and the sign-out button still work", async ({ signedInPage: page, user, db }) => {
    await page.goto("/dashboard");
    await ageSession(db, user.id, { idleMinutes: 10 });
    const status = await page.evaluate(
      async () => (await fetch("/session/keep-alive?tier=medium", { method: "POST" })).status,
    );
    expect(status).toBe(200);

    const signOut = page.waitForResponse((r) => r.url().endsWith("/signout") && r.request().method() === "POST");
    await page.getByRole("button", { name: "Sign out" }).click();
    expect((await signOut).status()).toBe(303);
    await expect(page).toHaveURL(/\/signin\?reason=signed_out/);
    expect(await liveSessions(db, user.id)).toHaveLength(0);
  });

  test("a GET from another site is not a state change and is not refused", async ({ request }) => {
    const response = await request.get("/signin", { headers: { Origin: EVIL, "Sec-Fetch-Site": "cross-site" } });
    expect(response.status()).toBe(200);
  });
});
