// Threat: a class that cannot tell whether the attack just worked. A demo that "seems to work"
// teaches nothing; a room must see the attack succeed with the flaw on and meet its defense with
// it off. Defense: the code at each defense line reports what it let through or stopped
// (lib/lab/outcomes.ts), and the console's score board shows and announces it at once. Each test
// here runs one attack twice on a lab server, from browsers of their own (the victim's, the
// attacker's), and reads the trainer's score board: "Exploited" with the flaw on, "Blocked" with
// its defense on.
import { randomBytes } from "node:crypto";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { PRODUCTION_HASH_COST } from "@/lib/auth/password-rules";
import { labKeyUrl } from "@/lib/lab/key";
import { apiSignInAttempt, documentationAddress } from "./support/api";
import { type OwnServer } from "./support/direct-server";
import { floodThenSignIn } from "./support/hash-flood";
import { signInLogLines } from "./support/log-secrets";
import { serverLogPath } from "./support/servers";
import {
  accountLink,
  ageSession,
  changePasswordInUi,
  expect,
  fillTransfer,
  SESSION_COOKIE,
  sessionCookieValue,
  setRotationAge,
  signInOverHttp,
  signInWithForm,
  stepUpWithTransfer,
  test,
  type TestUser,
} from "./support/fixtures";
import { pastIdleLimit, POLICY } from "./support/policy";

type Outcome = "Exploited" | "Blocked";

test.describe("the lab's score board", () => {
  // One lab server for the group: the tests take turns with its switches.
  test.describe.configure({ mode: "default", timeout: 60_000 });
  let server: OwnServer;
  let trainer: Page;
  let contexts: BrowserContext[] = [];

  test.beforeAll(async ({ ownServer, browser }, testInfo) => {
    testInfo.setTimeout(120_000);
    server = await ownServer({
      name: "lab-scores",
      database: "sqlite",
      flaws: "",
      lab: true,
      passwordHashCost: PRODUCTION_HASH_COST,
    });
    trainer = await (await browser.newContext({ baseURL: server.baseURL })).newPage();
    await trainer.goto(labKeyUrl(server.baseURL, server.labKey));
    await expect(trainer.getByRole("heading", { name: "Lab console" })).toBeVisible();
  });
  test.afterEach(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    contexts = [];
  });

  /** A browser of its own on the lab server, signed in as `who` unless null. */
  async function device(browser: Browser, who: TestUser | null): Promise<Page> {
    const context = await browser.newContext({ baseURL: server.baseURL });
    contexts.push(context);
    if (who) await signInOverHttp(context, who);
    return context.newPage();
  }

  /** Switches the flaw through the console, as the trainer does. */
  async function setFlaw(name: string, on: boolean): Promise<void> {
    await trainer.goto("/lab");
    const toggle = trainer.getByRole("switch", { name, exact: true });
    if ((await toggle.getAttribute("aria-checked")) !== String(on)) await toggle.click();
    await expect(toggle).toHaveAttribute("aria-checked", String(on));
  }

  /** The score board's row and the announcement both say what the last attack on `flaw` did. */
  async function expectScore(flaw: string, outcome: Outcome): Promise<void> {
    if (new URL(trainer.url()).pathname !== "/lab") await trainer.goto("/lab");
    const row = trainer.getByRole("table", { name: "Score board" }).getByRole("row", { name: new RegExp(`^${flaw} `) });
    await expect(row.getByRole("cell").nth(1)).toContainText(outcome);
    await expect(trainer.getByRole("log", { name: "Latest attack" })).toContainText(`${outcome}: ${flaw}.`);
  }

  /** Runs `attack` with the flaw on, then with its defense on, reading the board after each. */
  async function bothWays(flaw: string, attack: () => Promise<void>): Promise<void> {
    await setFlaw(flaw, true);
    await attack();
    await expectScore(flaw, "Exploited");
    await setFlaw(flaw, false);
    await attack();
    await expectScore(flaw, "Blocked");
  }

  /** Opens the dashboard with only `token` as the session: a copied ID replayed elsewhere. */
  async function replayDashboard(browser: Browser, token: string): Promise<void> {
    const thief = await device(browser, null);
    await thief.context().addCookies([{ name: SESSION_COOKIE, value: token, url: server.baseURL }]);
    await thief.goto("/dashboard");
  }

  test("fixation: an ID planted before sign-in", async ({ browser, createUser }) => {
    await bothWays("fixation", async () => {
      const victim = await device(browser, null);
      const planted = randomBytes(32).toString("base64url");
      await victim.context().addCookies([{ name: SESSION_COOKIE, value: planted, url: server.baseURL }]);
      await signInOverHttp(victim.context(), await createUser({ in: server.db }));
    });
  });

  test("idor: another customer's account history by its ID", async ({ browser, createUser }) => {
    const alice = await createUser({ in: server.db });
    const mallory = await createUser({ in: server.db });
    await bothWays("idor", async () => {
      const page = await device(browser, mallory);
      await page.goto(`/accounts/${alice.accountId}`);
    });
  });

  test("csrf: another site's form posts to the bank", async ({ browser, createUser }) => {
    const victim = await createUser({ in: server.db });
    await bothWays("csrf", async () => {
      const page = await device(browser, victim);
      await page.request.post("/session/keep-alive?tier=low", {
        headers: { Origin: "http://127.0.0.1:4000", "Sec-Fetch-Site": "cross-site" },
        maxRedirects: 0,
      });
    });
  });

  test("no-reuse-detection: a rotated-out ID replayed", async ({ browser, createUser }) => {
    const payee = await createUser({ in: server.db });
    await bothWays("no-reuse-detection", async () => {
      const victim = await createUser({ in: server.db });
      const stolen = await stepUpWithTransfer(await device(browser, victim), server.db, victim, payee);
      await setRotationAge(server.db, victim.id, 60);
      await replayDashboard(browser, stolen);
    });
  });

  test("no-idle-timeout: a session idle past every tier's limit", async ({ browser, createUser }) => {
    await bothWays("no-idle-timeout", async () => {
      const victim = await createUser({ in: server.db });
      const page = await device(browser, victim);
      await ageSession(server.db, victim.id, { idleMinutes: pastIdleLimit("low") });
      await page.goto("/dashboard");
    });
  });

  test("no-absolute-timeout: a session past its absolute lifetime", async ({ browser, createUser }) => {
    await bothWays("no-absolute-timeout", async () => {
      const victim = await createUser({ in: server.db });
      const page = await device(browser, victim);
      await ageSession(server.db, victim.id, { ageMinutes: POLICY.absoluteLifetimeHours * 60 + 1 });
      await page.goto("/dashboard");
    });
  });

  test("open-redirect: a sign-in link that names another site", async ({ browser, createUser }) => {
    await bothWays("open-redirect", async () => {
      const victim = await createUser({ in: server.db });
      const page = await device(browser, null);
      const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
      await page.request.post("/api/auth/callback/credentials", {
        form: {
          email: victim.email,
          password: victim.password,
          csrfToken,
          callbackUrl: "http://127.0.0.1:4000/look-alike",
          json: "true",
        },
      });
    });
  });

  test("token-in-url: a shared link opened in another browser", async ({ browser, createUser }) => {
    await bothWays("token-in-url", async () => {
      const victim = await createUser({ in: server.db });
      const token = await sessionCookieValue(await device(browser, victim));
      // The address the victim's links carry under the flaw, pasted into a chat.
      const mallory = await device(browser, null);
      await mallory.goto(`/accounts/${victim.accountId}?sid=${token}`);
    });
  });

  test("spoofable-ip: a sign-in attempt that writes its own X-Forwarded-For", async ({ browser, createUser }) => {
    await bothWays("spoofable-ip", async () => {
      const victim = await createUser({ in: server.db });
      const mallory = await device(browser, null);
      const guess = { email: victim.email, password: "password123" };
      await apiSignInAttempt(mallory.request, guess, { "X-Forwarded-For": documentationAddress() });
    });
  });

  test("no-server-logout: a copied ID replayed after sign-out", async ({ browser, createUser }) => {
    await bothWays("no-server-logout", async () => {
      const victim = await device(browser, await createUser({ in: server.db }));
      const copied = await sessionCookieValue(victim);
      await victim.goto("/dashboard");
      await victim.getByRole("button", { name: "Sign out" }).click();
      await victim.waitForURL(/\/signin/);
      await replayDashboard(browser, copied!);
    });
  });

  test("no-revoke-on-password-change: a stolen session after the new password", async ({ browser, createUser }) => {
    await bothWays("no-revoke-on-password-change", async () => {
      const victim = await createUser({ in: server.db });
      const stolen = await sessionCookieValue(await device(browser, victim));
      const page = await device(browser, victim);
      await changePasswordInUi(page, victim.password, "violet-harbour-engine-42");
      await expect(page.getByText("Password changed.")).toBeVisible();
      await replayDashboard(browser, stolen!);
    });
  });

  /** The weak layout's ID for `email` issued at `stamp` (lib/session/tokens.ts, guessableToken). */
  function writtenId(stamp: number, email: string): string {
    const bytes = Buffer.alloc(32, ".");
    bytes.write(`${stamp}.${email}`);
    return bytes.toString("base64url");
  }

  test("weak-token: Mallory writes the victim's ID from her own", async ({ browser, createUser }) => {
    await bothWays("weak-token", async () => {
      const victim = await createUser({ in: server.db });
      await device(browser, victim);
      const own = await sessionCookieValue(await device(browser, await createUser({ in: server.db })));
      // Her own ID says when it was issued, under the flaw; without it she can only try the clock.
      const decoded = /^(\d{10})\./.exec(Buffer.from(own!, "base64url").toString("latin1"));
      const stamp = decoded ? Number(decoded[1]) : Math.floor(Date.now() / 1000);
      const thief = await device(browser, null);
      for (let back = 1; back <= 5; back++) {
        const guess = writtenId(stamp - back, victim.email);
        await thief.context().addCookies([{ name: SESSION_COOKIE, value: guess, url: server.baseURL }]);
        await thief.goto("/dashboard");
        if (new URL(thief.url()).pathname === "/dashboard") break;
      }
    });
  });

  test("plaintext-tokens: a value read from a leaked copy of the sessions table", async ({ browser, createUser }) => {
    await bothWays("plaintext-tokens", async () => {
      const victim = await createUser({ in: server.db });
      await device(browser, victim);
      const row = await server.db.session.findFirstOrThrow({ where: { userId: victim.id, endedAt: null } });
      await replayDashboard(browser, row.tokenHash);
    });
  });

  test("token-in-logs: the victim's sign-in line read from the server's log", async ({ browser, createUser }) => {
    const log = serverLogPath(`lab-scores-${new URL(server.baseURL).port}`);
    await bothWays("token-in-logs", async () => {
      const victim = await createUser({ in: server.db });
      await device(browser, victim);
      const [line] = await signInLogLines(log, victim.id, 1);
      await replayDashboard(browser, (JSON.parse(line!) as { session: string }).session);
    });
  });

  /** Sends a transfer on the session `page` holds, trusting its step-up if the bank does. */
  async function sendTransfer(page: Page, to: TestUser): Promise<void> {
    await fillTransfer(page, to, "1.00");
    await page.getByRole("button", { name: "Send transfer" }).click();
    await expect(page.getByRole("heading", { name: "Transfer sent" })).toBeVisible();
  }

  test("no-rotation-on-step-up: an ID copied before the step-up moves money", async ({ browser, createUser }) => {
    const payee = await createUser({ in: server.db });
    await bothWays("no-rotation-on-step-up", async () => {
      const victim = await createUser({ in: server.db });
      const copied = await stepUpWithTransfer(await device(browser, victim), server.db, victim, payee);
      await setRotationAge(server.db, victim.id, 60);
      const thief = await device(browser, null);
      await thief.context().addCookies([{ name: SESSION_COOKIE, value: copied, url: server.baseURL }]);
      await thief.goto("/transfers");
      // With the defense on, the copy was replaced at the step-up: sign-in, no transfer form.
      if (new URL(thief.url()).pathname === "/transfers") await sendTransfer(thief, payee);
    });
  });

  test("unfair-hash-queue: a sign-in behind another customer's flood of step-ups", async ({ browser, createUser }) => {
    const mallory = await createUser({ in: server.db, productionCost: true });
    const alice = await createUser({ in: server.db, productionCost: true });
    await bothWays("unfair-hash-queue", async () => {
      const page = await device(browser, null);
      await floodThenSignIn(page.request, mallory, alice);
    });
  });

  test("the owner's own use with these flaws on leaves the board as it was", async ({ browser, createUser }) => {
    const flaws = [
      "token-in-url",
      "spoofable-ip",
      "no-server-logout",
      "no-revoke-on-password-change",
      "no-rotation-on-step-up",
      "unfair-hash-queue",
      "weak-token",
      "plaintext-tokens",
      "token-in-logs",
    ];
    for (const flaw of flaws) await setFlaw(flaw, true);
    const before = await trainer.getByRole("log", { name: "Latest attack" }).textContent();
    const owner = await createUser({ in: server.db });
    const page = await device(browser, null);
    await signInWithForm(page, owner);
    await accountLink(page, /Checking/).click();
    await page.waitForURL(/[?&]sid=/);
    // A step-up, then a second transfer on its freshness, both in the owner's own browser.
    const payee = await createUser({ in: server.db });
    await stepUpWithTransfer(page, server.db, owner, payee);
    await sendTransfer(page, payee);
    await changePasswordInUi(page, owner.password, "violet-harbour-engine-42");
    await expect(page.getByText("Password changed.")).toBeVisible();
    await page.goto("/dashboard");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/signin/);
    await signInWithForm(page, { email: owner.email, password: "violet-harbour-engine-42" });
    for (const flaw of flaws) await setFlaw(flaw, false);
    await expect(trainer.getByRole("log", { name: "Latest attack" })).toHaveText(before ?? "");
  });

  /** Runs the flaw's guessing attack from the button on its page; returns the verdict shown. */
  async function runFromButton(flaw: string): Promise<string> {
    await trainer.goto(`/lab/flaws/${flaw}`);
    await trainer.getByRole("button", { name: "Run the guesses as Mallory" }).click();
    const answers = trainer.getByRole("region", { name: "What the bank answered" });
    await expect(answers).toContainText(/The attack (worked|failed)\./, { timeout: 30_000 });
    return (await answers.textContent()) ?? "";
  }

  // The guessing demos run from a button. Alice's and Bob's demo passwords are hashed at
  // production's cost here, so the guesses take a real check's time, as in a real bank.
  test("attempt-race from its page: guesses at once, then the right password", async () => {
    await setFlaw("attempt-race", true);
    expect(await runFromButton("attempt-race")).toContain("The attack worked.");
    await expectScore("attempt-race", "Exploited");
    await setFlaw("attempt-race", false);
    const secure = await runFromButton("attempt-race");
    expect(secure).toContain("The attack failed.");
    expect(secure).not.toContain("200 confirmed");
    await expectScore("attempt-race", "Blocked");
  });

  test("no-login-throttle from its page: guessing past the sign-in limit", async () => {
    await setFlaw("no-login-throttle", true);
    const flawed = await runFromButton("no-login-throttle");
    expect(flawed).toContain("The attack worked.");
    expect(flawed).toContain("201 signed in");
    await expectScore("no-login-throttle", "Exploited");
    await setFlaw("no-login-throttle", false);
    const secure = await runFromButton("no-login-throttle");
    expect(secure).toContain("The attack failed.");
    expect(secure).toContain("429 throttled");
    await expectScore("no-login-throttle", "Blocked");
  });

  test("a session the attack never touched leaves the board as it was", async ({ browser, createUser }) => {
    const before = await trainer.getByRole("log", { name: "Latest attack" }).textContent();
    const customer = await createUser({ in: server.db });
    const page = await device(browser, customer);
    await page.goto("/dashboard");
    expect(await sessionCookieValue(page)).toBeTruthy();
    await page.goto("/transfers");
    await trainer.goto("/lab");
    await expect(trainer.getByRole("log", { name: "Latest attack" })).toHaveText(before ?? "");
  });
});
