// Threat: requests the app was never written for, sent to find a crash. A 500 tells an attacker
// where the code breaks, a stack trace tells them how, and a crash mid-request may leave work
// half-done. TRACE echoes the request back, cookies included (cross-site tracing); an oversized
// body ties up the server; a repeated query parameter lets a filter and a check read different
// copies; a forged Host makes Next doubt a server action's origin. Defense: server.mjs refuses
// unknown methods (405) and bodies over 64 KB or of undeclared length (413/411) before Next
// parses them; proxy.ts refuses repeated query parameters (400) and foreign-origin writes (403).
// Where programs call (/api/, /session/) each refusal is the one JSON error (lib/error-body.mjs).
import type { APIResponse, Page } from "@playwright/test";
import type { ErrorCode } from "@/lib/error-body.mjs";
import { expectErrorShape } from "./support/error-shape";
import { expect, test } from "./support/fixtures";
import { answerOf } from "./support/hostile";
import { rawRequest } from "./support/raw-http";

/** A clear refusal: the status asked for, a short message, and no sign of the code behind it. */
async function expectClearRefusal(response: APIResponse, status: number, message: RegExp): Promise<void> {
  expect(response.status()).toBe(status);
  const body = await response.text();
  expect(body).toMatch(message);
  expect(body, "no stack trace").not.toMatch(/\bat .+\.(js|ts|mjs):\d+|node_modules|Error:/);
}

/** A refusal to a program: the one JSON error shape, with this code. */
async function expectJsonRefusal(response: APIResponse, code: ErrorCode): Promise<void> {
  expectErrorShape(await answerOf(response), code, `${response.url()}`);
}

/** The hidden fields of the transfer form's server action, as anyone can read them from the page. */
async function transferActionFields(page: Page): Promise<Record<string, string>> {
  await page.goto("/transfers");
  return page
    .locator("form input[type=hidden][name^='$ACTION']")
    .evaluateAll((inputs) =>
      Object.fromEntries(inputs.map((i) => [(i as HTMLInputElement).name, (i as HTMLInputElement).value])),
    );
}

for (const method of ["TRACE", "PUT", "PATCH"]) {
  test(`${method} is refused with 405 before Next sees it`, async ({ request }) => {
    for (const path of ["/", "/dashboard", "/api/v1/accounts", "/api/auth/session", "/session/status?tier=low"]) {
      const response = await request.fetch(path, {
        method,
        headers: { Cookie: "vaultline.session=secret-looking-value" },
      });
      await expectClearRefusal(response, 405, /This method is not allowed/);
      expect(response.headers()["allow"]).toBe("GET, HEAD, POST, DELETE, OPTIONS");
      expect(await response.text(), "TRACE must not echo the cookie back").not.toContain("secret-looking-value");
      if (!["/", "/dashboard"].includes(path)) await expectJsonRefusal(response, "method_not_allowed");
    }
  });
}

test("a body over 64 KB is refused with 413, on pages, actions and the API alike", async ({
  signedInPage: page,
  user,
}) => {
  const fields = await transferActionFields(page);
  const huge = "x".repeat(2 * 1024 * 1024);
  const request = page.context().request;
  const action = await request.post("/transfers", { multipart: { ...fields, memo: huge } });
  await expectClearRefusal(action, 413, /too large: at most 64 KB/);
  const api = await request.post("/api/v1/transfers", { data: { memo: huge } });
  await expectClearRefusal(api, 413, /too large/);
  await expectJsonRefusal(api, "body_too_large");
  const signInRoute = await request.post("/api/auth/callback/credentials", {
    form: { email: user.email, password: huge },
  });
  await expectClearRefusal(signInRoute, 413, /too large/);
});

test("a body without a declared length is refused with 411", async ({ baseURL }) => {
  // Playwright always declares the length, so the chunked body goes through Node's own client.
  const { request } = await import("node:http");
  const status = await new Promise<number>((resolve, reject) => {
    const req = request(
      `${baseURL}/api/v1/sessions`,
      { method: "POST", headers: { "Content-Type": "application/json" } },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on("error", reject);
    req.write('{"email":');
    req.end('"a@b.c"}');
  });
  expect(status).toBe(411);
});

test("a server action with a forged Host or Origin is refused with a 4xx, not a crash", async ({
  signedInPage: page,
  baseURL,
}) => {
  const fields = await transferActionFields(page);
  const request = page.context().request;
  const forgeries: [Record<string, string>, number][] = [
    [{ Origin: "http://evil.example" }, 403],
    [{ Origin: baseURL!, "X-Forwarded-Host": "evil.example" }, 400],
    [{ Origin: baseURL!, Host: "evil.example" }, 400],
    [{ Origin: "not a url", "Sec-Fetch-Site": "same-origin" }, 400],
  ];
  for (const [headers, status] of forgeries) {
    const response = await request.post("/transfers", { multipart: { ...fields, amount: "1.00" }, headers });
    await expectClearRefusal(response, status, /refused and nothing was changed/);
  }
});

test("repeated query parameters are refused with 400 on the admin filters and the API", async ({
  page,
  admin,
  signInAs,
}) => {
  await signInAs(page, admin);
  const request = page.context().request;
  await expectClearRefusal(await request.get("/admin?type=sign_in&type=sign_out"), 400, /appears more than once/);
  await expectClearRefusal(await request.get("/admin?from=2026-01-01&from=2026-02-01"), 400, /appears more than once/);
  const api = await request.get("/api/v1/accounts?limit=1&limit=2");
  await expectJsonRefusal(api, "bad_request");
  // One of each still works.
  expect((await request.get("/admin?type=sign_in")).status()).toBe(200);
});

test("the front door refuses an API address that does not decode, or would be redirected, in the one JSON shape", async ({
  baseURL,
}) => {
  // Raw: a client library would encode or clean the address before sending it.
  const undecodable = await rawRequest(baseURL!, "GET /api/v1/accounts/%ff HTTP/1.1");
  expect(undecodable.status).toBe(400);
  expectErrorShape(undecodable, "bad_request", "an address that does not decode");
  const trailingSlash = await rawRequest(baseURL!, "GET /api/v1/accounts/ HTTP/1.1");
  expectErrorShape(trailingSlash, "not_found", "an address with a trailing slash");
});

test("CONNECT is answered, not left hanging", async ({ baseURL }) => {
  const { request } = await import("node:http");
  const url = new URL(baseURL!);
  const status = await new Promise<string>((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method: "CONNECT", path: "evil.example:443" });
    req.on("connect", (res) => resolve(String(res.statusCode)));
    req.on("response", (res) => resolve(String(res.statusCode)));
    req.on("error", reject);
    req.end();
  });
  expect(status).toBe("405");
});

test(
  "admin filters that name no user or event type answer an empty log, never a 500",
  { tag: "@postgres" },
  async ({ page, admin, signInAs }) => {
    await signInAs(page, admin);
    await page.goto("/admin");
    await page.getByRole("button", { name: "Enter admin panel" }).click();
    await expect(page.getByRole("heading", { name: "Users and live sessions" })).toBeVisible();
    for (const query of ["user=%00", "type=%00", "user=x%00y", "type=%3Cscript%3E", "user=' OR 1=1 --"]) {
      await page.goto(`/admin?${query}`);
      await expect(page.getByRole("heading", { name: "Security events" }), query).toBeVisible();
      await expect(page.getByRole("table", { name: "Security events" }).locator("tbody tr"), query).toHaveCount(0);
    }
  },
);
