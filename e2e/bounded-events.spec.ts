// Threat: a flood of failures buries the audit trail, and client text forges the server log. Once
// an address is throttled each further sign-in skips bcrypt, so a script can send thousands a
// minute; one event row each grew the table without bound and pushed real events out of the
// admin panel's newest-first view, and a client's user agent written as text could start a line
// of its own in the log. Defense: identical failures fold into one row with a count and a last
// time seen (lib/session/events.ts, an upsert on the row's aggregation key, so it holds under
// concurrency: e2e/races/event-aggregation.spec.ts), fields are capped, the admin log filters by
// type, user and time, and every event also goes to the log as one JSON line (lib/logger.mjs, pino)
// with the request's ID. Refused cross-site writes are recorded too (proxy.ts), folded alike.
// Policy: eventAggregationWindowMinutes (lib/session/policy.ts).
import { readFileSync } from "node:fs";
import { apiSignInAttempt, documentationAddress } from "./support/api";
import { changePasswordInUi, enterAdminPanel, expect, test } from "./support/fixtures";
import { rawRequest } from "./support/raw-http";
import { serverLogPath } from "./support/servers";

const FLOOD = 150;
const AT_ONCE = 10;
// 150 requests, the first five each a bcrypt check, on a machine that may be running much else.
const FLOOD_TIMEOUT_MS = 180_000;

/**
 * `FLOOD` failed API sign-ins for `email` from one address, `AT_ONCE` at a time. Node's fetch,
 * which honours the server's keep-alive timeout: a slow batch must not meet a closed socket.
 */
async function flood(baseURL: string, email: string, headers: Record<string, string>): Promise<void> {
  for (let sent = 0; sent < FLOOD; sent += AT_ONCE) {
    const answers = await Promise.all(
      Array.from({ length: AT_ONCE }, (_, i) =>
        fetch(`${baseURL}/api/v1/sessions`, {
          method: "POST",
          headers: { ...headers, "Content-Type": "application/json" },
          body: JSON.stringify({ email, password: `wrong-${sent + i}` }),
        }),
      ),
    );
    expect(answers.map((answer) => answer.status).filter((status) => status !== 401 && status !== 429)).toEqual([]);
  }
}

test("a flood of 150 failed sign-ins from one address is one row per reason, with the count", async ({
  baseURL,
  user,
  db,
}) => {
  test.setTimeout(FLOOD_TIMEOUT_MS);
  const userAgent = "flood/1.0 ".padEnd(512, "x");
  await flood(baseURL!, user.email, { "X-Forwarded-For": documentationAddress(), "User-Agent": userAgent });
  const rows = await db.securityEvent.findMany({ where: { userId: user.id, type: "sign_in_failure" } });
  // One row per reason (wrong password, then throttled); a window boundary may split one in two.
  expect(rows.length).toBeLessThanOrEqual(3);
  expect(rows.reduce((sum, row) => sum + row.count, 0)).toBe(FLOOD);
  for (const row of rows) {
    expect(row.lastSeenAt.getTime()).toBeGreaterThanOrEqual(row.createdAt.getTime());
    expect(row.userAgent!.length, "the user agent is capped").toBeLessThanOrEqual(256);
  }
});

test("after a flood, another user's password change still shows in the admin log, and the filter finds it", async ({
  request,
  createUser,
  user,
  newDevice,
}) => {
  test.setTimeout(FLOOD_TIMEOUT_MS);
  const flooded = await createUser();
  const headers = { "X-Forwarded-For": documentationAddress() };
  for (let sent = 0; sent < FLOOD; sent += AT_ONCE) {
    await Promise.all(
      Array.from({ length: AT_ONCE }, () =>
        apiSignInAttempt(request, { email: flooded.email, password: "x" }, headers),
      ),
    );
  }
  const victim = await newDevice();
  await changePasswordInUi(victim, user.password, "a-brand-new-passphrase-9");
  await expect(victim.getByText(/^Password changed\./)).toBeVisible();

  const admin = await enterAdminPanel(await newDevice(await createUser({ role: "admin" })));
  const events = admin.getByRole("table", { name: "Security events" });
  const floodRow = events.getByRole("row").filter({ hasText: flooded.email }).filter({ hasText: "too many attempts" });
  await expect(floodRow.getByRole("cell", { name: /^\d+$/ })).toHaveText(String(FLOOD - 5));
  await expect(
    events.getByRole("row").filter({ hasText: user.email }).filter({ hasText: "Password changed" }),
  ).toHaveCount(1);

  const filter = admin.getByRole("form", { name: "Filter events" });
  await filter.getByLabel("Type").selectOption({ label: "Password changed" });
  await filter.getByLabel("User").selectOption({ label: user.email });
  await filter.getByRole("button", { name: "Filter" }).click();
  await expect(events.getByRole("row")).toHaveCount(2); // the header and the one event
  await expect(events.getByRole("row").nth(1)).toContainText("Password changed");
});

// Characters some log readers take for a line break (Python's splitlines, editors, SIEM parsers):
// NEL arrives as the byte 0x85 in a header, and a form field can hold anything.
const LINE_BREAKS = /\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/;
const FORGED = '{"level":50,"msg":"forged';

test("a user agent or an email with line breaks never starts a line of the server log", async ({
  baseURL,
  request,
  server,
}) => {
  const marker = `ua-${Date.now()}`;
  const body = Buffer.from(JSON.stringify({ email: "nobody@vaultline.test", password: "wrong-password" }));
  const answer = await rawRequest(
    baseURL!,
    [
      "POST /api/v1/sessions HTTP/1.1",
      "Content-Type: application/json",
      `X-Forwarded-For: ${documentationAddress()}`,
      `User-Agent: ${marker}\x85${FORGED} ua"}`,
    ].join("\r\n"),
    body,
  );
  expect(answer.status).toBe(401);
  await apiSignInAttempt(
    request,
    { email: `nobody@vaultline.test\n${FORGED} email"}`, password: "wrong-password" },
    { "X-Forwarded-For": documentationAddress() },
  );

  const log = serverLogPath(server);
  await expect
    .poll(() => readFileSync(log, "utf8").includes(marker), { message: "the event reached the log" })
    .toBe(true);
  const lines = readFileSync(log, "utf8").split("\n");
  const line = lines.find((l) => l.includes(marker))!;
  const record = JSON.parse(line) as { event?: string; requestId?: string; userAgent?: string };
  expect(record.event).toBe("sign_in_failure");
  expect(record.requestId).toMatch(/^[0-9a-f-]{36}$/);
  expect(line.split(LINE_BREAKS), "one line, whatever splits it").toHaveLength(1);
  for (const piece of readFileSync(log, "utf8").split(LINE_BREAKS)) expect(piece.startsWith(FORGED)).toBe(false);
});

test("refused cross-site writes are recorded, folded into one row with the count", async ({ baseURL, db }) => {
  const address = documentationAddress();
  const attempts = 5;
  for (let i = 0; i < attempts; i += 1) {
    const answer = await fetch(`${baseURL}/transfer`, {
      method: "POST",
      headers: {
        "X-Forwarded-For": address,
        "Sec-Fetch-Site": "cross-site",
        Origin: "https://attacker.example",
        "Content-Type": "application/x-www-form-urlencoded",
        "User-Agent": `forged-${i}`,
      },
      body: "amount=100",
    });
    expect(answer.status).toBe(403);
  }
  const rows = await db.securityEvent.findMany({ where: { type: "cross_site_refused", ip: address } });
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ count: attempts, userAgent: "forged-0" });
  expect(JSON.parse(rows[0]!.detail)).toEqual({ reason: "cross_site", method: "POST", path: "/transfer" });
});
