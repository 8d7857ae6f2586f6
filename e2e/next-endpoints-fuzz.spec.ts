// Threat: the framework's own doors. Next.js answers some requests before any of Vaultline's code
// runs: server-action bodies React must decode, the RSC and prefetch headers of client-side
// navigation, its /_next/* endpoints (the image optimizer, static files) and its own redirects
// (a trailing slash, a doubled slash). Fed garbage, those layers answered with a 500, without
// the security headers (no CSP, no nosniff, no no-store), reflected a 10,000-character address
// into a 20 KB redirect, and wrote the client's bytes into the server log: JSON.parse's message
// quotes the body, newlines included, so a client could forge a log line or leave part of a
// password there. Defense: server.mjs (the front door) answers what never reaches the proxy —
// Next's redirects, /_next/image (the optimizer is off), Node's own parser errors — itself, and
// fills in the security headers on every answer the proxy did not dress; proxy.ts refuses an
// action call React could not decode (lib/unreadable-action.ts) before Next parses it; the
// headers follow OWASP's Secure Headers Project (lib/security-headers.ts). Property-based
// (fast-check, numRuns in each title); a failure prints its seed, and FC_SEED replays it.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import type { APIRequestContext } from "@playwright/test";
import fc from "fast-check";
import { apiSignIn, ownAddress } from "./support/api";
import { expectErrorShape } from "./support/error-shape";
import { accountLink, expect, test, type TestUser } from "./support/fixtures";
import { answerOf, expectSafeAnswer, runs, type Answer } from "./support/hostile";
import { headerValue, pathSegment } from "./support/hostile-values";
import { signInLogLines } from "./support/log-secrets";
import { rawRequest } from "./support/raw-http";
import { actionIdOn, multipart, type Part } from "./support/server-action";
import { serverLogPath, type ServerName } from "./support/servers";

/** Text no part of the app writes by itself: if the log holds it, a client put it there. */
function newMarker(): string {
  // Not hexadecimal (z, q, v), so it can never pass for an action ID or a digest.
  return `zq${randomBytes(6).toString("hex")}v`;
}

/** Under 500, no stack trace, and dressed. */
function expectGuardedAnswer(answer: Answer, what: string): void {
  expectSafeAnswer(answer, [], what);
  expectDressed(answer, what);
}

/** The CSP with framing refused, nosniff, X-XSS-Protection: 0, a referrer policy, and no-store unless a static file. */
function expectDressed(answer: Answer, what: string, options: { cacheable?: boolean } = {}): void {
  const headers = answer.headers;
  expect(headers["content-security-policy"], `${what}: a CSP`).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"], `${what}: nosniff`).toBe("nosniff");
  expect(headers["x-xss-protection"], `${what}: X-XSS-Protection`).toBe("0");
  expect(headers["referrer-policy"], `${what}: a Referrer-Policy`).toBe("same-origin");
  if (!options.cacheable) expect(headers["cache-control"], `${what}: no-store`).toContain("no-store");
}

/** The server wrote nothing the fuzz sent: checked once a sign-in after the fuzz has reached the log. */
async function expectMarkerNotLogged(
  request: APIRequestContext,
  server: ServerName,
  user: TestUser,
  marker: string,
): Promise<void> {
  const log = serverLogPath(server);
  const before = (await signInLogLines(log, user.id, 0)).length;
  await apiSignIn(request, user, ownAddress());
  await signInLogLines(log, user.id, before + 1);
  // Errors go to stderr, the sign-in line to stdout: give the other pipe a moment too.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const lines = readFileSync(log, "utf8")
    .split("\n")
    .filter((line) => line.includes(marker));
  expect(lines, "no client-supplied text in the server log").toEqual([]);
}

// React's reply format: rows of JSON whose strings may start with a tag ($@ a promise row, $K a
// form, $h a server reference, $Q a Map, ...). These are what a client can put there.
const TAGS = ["$@1", "$@ff", "$K9", "$K1", "$h1", "$Q1", "$W1", "$i1", "$T", "$n", "$D", "$B1", "$R1", "$r1"];
const MORE_TAGS = ["$X1", "$x1", "$F1", "$S", "$E", "$Z", "$l", "$Y", "$$", "$undefined", "$I", "$-0", "$N", "$A"];

function replyRow(marker: string): fc.Arbitrary<string> {
  const leaf = fc.oneof(
    fc.constantFrom(...TAGS, ...MORE_TAGS),
    fc.constantFrom(...TAGS).map((tag) => `${tag}${marker}`),
    fc.string({ maxLength: 20 }),
    fc.integer(),
    fc.constant(null),
  );
  const value = fc.letrec<{ node: unknown }>((tie) => ({
    node: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      leaf,
      fc.array(tie("node"), { maxLength: 4 }),
      fc.dictionary(fc.constantFrom("id", "bound", "status", marker), tie("node"), { maxKeys: 3 }),
    ),
  })).node;
  const depth = fc.integer({ min: 1, max: 6000 });
  return fc.oneof(
    value.map((v) => JSON.stringify(v)),
    // JSON, but not a list of arguments.
    fc.constantFrom('""', "{}", "null", "1", '"$K1"', `{"id":"${marker}","bound":"$@1"}`),
    // Not JSON at all, with a line break that would start a forged log line.
    fc.string({ maxLength: 40 }).map((s) => `${marker}${s}\n[error] forged line ${marker}`),
    fc.constant(`{"password":"${marker}`),
    depth.map((n) => "[".repeat(n) + "]".repeat(n)),
    depth.map((n) => `${'{"a":'.repeat(n)}1${"}".repeat(n)}`),
    depth.map((n) => `${"[".repeat(n)}"${marker}`),
  );
}

/** A server action's body: text, JSON rows, or a multipart form whose rows and fields are fuzzed. */
function actionBody(marker: string, actionIds: string[]): fc.Arbitrary<{ body: Buffer; contentType?: string }> {
  const row = replyRow(marker);
  const fieldName = fc.oneof(
    fc.constantFrom("0", "1", "2", "_1_memo", "_9_x", "$ACTION_REF_1", "$ACTION_1:0", "$ACTION_1:1", "$ACTION_KEY"),
    fc.constantFrom(...actionIds, marker).map((id) => `$ACTION_ID_${id}`),
    fc.constant(marker),
  );
  const part: fc.Arbitrary<Part> = fc.record({ name: fieldName, value: row });
  const text = row.map((r) => Buffer.from(r, "utf8"));
  return fc.oneof(
    fc.record({
      body: text,
      contentType: fc.constantFrom("text/plain;charset=UTF-8", "application/json", "text/x-component", undefined),
    }),
    fc.array(part, { maxLength: 5 }).map((parts) => multipart(parts)),
    // A form whose boundary does not match its body: the form itself is unreadable.
    text.map((body) => ({ body, contentType: "multipart/form-data; boundary=nowhere" })),
    text.map((body) => ({ body, contentType: "application/x-www-form-urlencoded" })),
  );
}

const PAGES = ["/transfers", "/signin", "/dashboard", "/security/sessions", "/", "/no-such-page", "/lab"];

test.describe("server actions", () => {
  test("any action ID and body, signed out or in: a 4xx or the page, dressed, and nothing logged (150 runs)", async ({
    page,
    request,
    user,
    server,
    baseURL,
    signInAs,
  }) => {
    test.slow();
    await signInAs(page, user);
    await page.goto("/transfers");
    const transferId = await actionIdOn(page);
    expect(transferId, "the transfer form's action ID").toMatch(/^[0-9a-f]{42}$/);
    const marker = newMarker();
    const ids = [transferId, transferId.replace(/^../, "7f"), "0".repeat(42)];
    const actionId = fc.option(fc.oneof(fc.constantFrom(...ids, marker, "", `${transferId}0`), headerValue(60)), {
      nil: undefined,
    });
    const client = fc.constantFrom<"signed out" | "signed in">("signed out", "signed in");
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...PAGES),
        actionId,
        actionBody(marker, ids),
        client,
        async (path, id, { body, contentType }, who) => {
          const headers: Record<string, string> = { Origin: baseURL! };
          if (id !== undefined) headers["Next-Action"] = id;
          if (contentType) headers["Content-Type"] = contentType;
          const api = who === "signed in" ? page.context().request : request;
          const response = await api.post(path, { data: body, headers, maxRedirects: 0 });
          expectGuardedAnswer(await answerOf(response), `${who} POST ${path} (action ${id})`);
        },
      ),
      runs(150),
    );
    await expectMarkerNotLogged(request, server, user, marker);
  });
});

test.describe("navigation headers", () => {
  test("garbage RSC, router-state and prefetch headers: a 4xx, a redirect or the page, dressed (80 runs)", async ({
    request,
    user,
    server,
  }) => {
    const marker = newMarker();
    const junk = fc.oneof(
      headerValue(120).map((v) => `${marker}${v}`),
      fc.constantFrom(
        encodeURIComponent(`["",{"children":["${marker}",{}]}]`),
        encodeURIComponent("[".repeat(3000)),
        `%7B%22${marker}`,
        "%ff%fe",
        "1",
        "",
      ),
    );
    const navigation = fc.record(
      {
        RSC: fc.oneof(fc.constant("1"), junk),
        "Next-Router-State-Tree": junk,
        "Next-Router-Prefetch": fc.oneof(fc.constantFrom("1", "2"), junk),
        "Next-Router-Segment-Prefetch": fc.oneof(fc.constantFrom("/_tree", "/_full"), junk),
        "Next-Url": junk,
        "Next-Test-Fetch-Priority": junk,
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PAGES), navigation, async (path, headers) => {
        const response = await request.get(path, { headers, maxRedirects: 0 });
        expectGuardedAnswer(await answerOf(response), `GET ${path} with ${Object.keys(headers).join(", ")}`);
      }),
      runs(80),
    );
    await expectMarkerNotLogged(request, server, user, marker);
  });
});

test("the client router's own navigations and prefetches pass the front door (the control)", async ({
  page,
  user,
  signInAs,
}) => {
  const navigations: { url: string; status: number; tree: boolean }[] = [];
  page.on("response", async (response) => {
    const headers = await response.request().allHeaders();
    if (headers["rsc"] === undefined) return;
    navigations.push({ url: response.url(), status: response.status(), tree: "next-router-state-tree" in headers });
  });
  await signInAs(page, user);
  await page.goto("/dashboard");
  await accountLink(page, /Checking/).click();
  await expect(page.getByRole("cell", { name: "Opening deposit" })).toBeVisible();
  await page.getByRole("link", { name: "Profile" }).click();
  await expect(page.getByText(user.email)).toBeVisible();
  await expect
    .poll(() => navigations.filter((n) => n.tree).length, { message: "navigations in the page" })
    .toBeGreaterThan(1);
  expect(navigations.filter((n) => n.status >= 400)).toEqual([]);
});

test.describe("/_next endpoints", () => {
  test("the image optimizer is off and no /_next answer is a 5xx or undressed (60 runs)", async ({
    request,
    user,
    server,
  }) => {
    const marker = newMarker();
    const url = fc.constantFrom("/dashboard", "/", "http://evil.example/x.png", `/${marker}`, "//evil.example");
    const path = fc.oneof(
      fc
        .tuple(url, fc.integer({ min: -1, max: 5000 }), fc.integer({ min: -1, max: 200 }))
        .map(([u, w, q]) => `/_next/image?url=${encodeURIComponent(u)}&w=${w}&q=${q}`),
      pathSegment().map((s) => `/_next/static/${s}`),
      pathSegment().map((s) => `/_next/static/chunks/${s}${marker}.js`),
      pathSegment().map((s) => `/_next/${s}`),
      pathSegment().map((s) => `/_next/data/${marker}/${s}.json`),
      fc.constantFrom("/favicon.ico", "/_next/webpack-hmr", "/__nextjs_original-stack-frame", "/_next/image"),
    );
    await fc.assert(
      fc.asyncProperty(path, async (target) => {
        const response = await request.get(target, { maxRedirects: 0 });
        const answer = await answerOf(response);
        expectGuardedAnswer(answer, `GET ${target}`);
        // A trailing slash is redirected away, as on any path; there is nothing to serve.
        expect(answer.status, `GET ${target}: nothing there`).toBeGreaterThanOrEqual(300);
      }),
      runs(60),
    );
    const image = await request.get("/_next/image?url=%2Fdashboard&w=64&q=75");
    expect(image.status(), "the optimizer is off").toBe(404);
    await expectMarkerNotLogged(request, server, user, marker);
  });

  test("the app's own scripts and styles are served, dressed and cacheable", async ({ page, request }) => {
    const assets: string[] = [];
    page.on("response", (r) => {
      if (new URL(r.url()).pathname.startsWith("/_next/static/")) assets.push(new URL(r.url()).pathname);
    });
    await page.goto("/signin");
    await expect.poll(() => assets.length, { message: "the sign-in page loads its scripts" }).toBeGreaterThan(0);
    for (const asset of assets) {
      const answer = await answerOf(await request.get(asset));
      expect(answer.status, asset).toBe(200);
      expectDressed(answer, asset, { cacheable: true });
      expect(answer.headers["cache-control"], asset).toContain("immutable");
    }
  });
});

test.describe("Next's redirects", () => {
  test("a trailing slash, a doubled slash, a backslash, a navigation without its _rsc: a short dressed redirect or a 4xx, never the address echoed (60 runs)", async ({
    baseURL,
  }) => {
    const base = fc.constantFrom("/dashboard", "/signin", "/api/v1/accounts", "/api/v1/accounts/x/transactions", "/");
    const mangled = fc.oneof(
      base.map((p) => `${p}/`),
      base.map((p) => p.replace(/^\//, "//")),
      base.map((p) => `${p.replace(/\/(?=[^/]*$)/, "//")}`),
      base.map((p) => `${p}\\x`),
      base.map((p) => `/\\${p}`),
    );
    // A client navigation (RSC: 1) without a matching _rsc parameter is redirected to add one.
    const address = fc.oneof(
      fc.record({ path: mangled, navigation: fc.boolean(), clean: fc.constant(false) }),
      fc.record({ path: base, navigation: fc.constant(true), clean: fc.constant(true) }),
    );
    const query = fc.oneof(
      fc.constant(""),
      fc.integer({ min: 1, max: 10_000 }).map((n) => `?cursor=${"A".repeat(n)}`),
      fc.string({ maxLength: 30 }).map((s) => `?next=${encodeURIComponent(s)}`),
    );
    await fc.assert(
      fc.asyncProperty(address, query, async ({ path, navigation, clean }, search) => {
        // Raw: a client library would clean the path (and the backslash) before sending it.
        const answer = await rawRequest(baseURL!, `GET ${path}${search} HTTP/1.1${navigation ? "\r\nRSC: 1" : ""}`);
        const what = `GET ${path}${search.slice(0, 40)}${navigation ? " (RSC)" : ""}`;
        expectGuardedAnswer(answer, what);
        expect(answer.body.length, `${what}: a short answer`).toBeLessThan(2048);
        expect((answer.headers["location"] ?? "").length, `${what}: a short Location`).toBeLessThan(2048);
        expect(answer.headers["refresh"] ?? "", `${what}: no Refresh echo`).toHaveLength(0);
        if (!clean && /^\/\/?api\//.test(path)) {
          expect(answer.status, `${what}: the API does not redirect`).toBe(404);
          expectErrorShape(answer, "not_found", what);
        }
      }),
      runs(60),
    );
  });

  test("a page asked with a trailing slash still leads to it", async ({ request }) => {
    const response = await request.get("/signin/", { maxRedirects: 0 });
    expect(response.status()).toBe(308);
    expect(response.headers()["location"]).toBe("/signin");
    expectGuardedAnswer(await answerOf(response), "GET /signin/");
  });
});

test("Node's own answers to a request it cannot parse are dressed too", async ({ baseURL }) => {
  const tooBig = await rawRequest(baseURL!, `GET /signin HTTP/1.1\r\nX-Big: ${"A".repeat(17 * 1024)}`);
  expect(tooBig.status).toBe(431);
  expectGuardedAnswer(tooBig, "a 17 KB header");
  const garbage = await rawRequest(baseURL!, "GET /signin HTTP/1.1\r\nBad Header Without Colon");
  expect(garbage.status).toBe(400);
  expectGuardedAnswer(garbage, "a header line without a colon");
});
