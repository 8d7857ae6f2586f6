// Threat: a class that cannot tell whether the attack just worked. A demo that "seems to work"
// teaches nothing; a room must see the attack succeed with the flaw on and meet its defense with
// it off. Defense: the code at each defense line reports what it let through or stopped
// (lib/lab/outcomes.ts), and the console's score board shows and announces it at once. Each test
// here runs one attack twice on a lab server (e2e/support/lab-class.ts), from browsers of their
// own (the victim's, the attacker's), and reads the trainer's score board: "Exploited" with the
// flaw on, "Blocked" with its defense on. This spec: the session ID itself, as it is issued,
// carried, copied and ended; the policy's limits and other sites' requests have specs beside it.
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import {
  accountLink,
  ageSession,
  changePasswordInUi,
  fillTransfer,
  SESSION_COOKIE,
  sessionCookieValue,
  setRotationAge,
  signInOverHttp,
  signInWithForm,
  stepUpWithTransfer,
  type TestUser,
} from "./support/fixtures";
import { expect, test, type LabClass } from "./support/lab-class";
import { signInLogLines } from "./support/log-secrets";
import { pastIdleLimit, POLICY } from "./support/policy";

/** Opens the dashboard with only `token` as the session: a copied ID replayed elsewhere. */
async function replayDashboard(lab: LabClass, token: string): Promise<void> {
  const thief = await lab.device(null);
  await thief.context().addCookies([{ name: SESSION_COOKIE, value: token, url: lab.server.baseURL }]);
  await thief.goto("/dashboard");
}

test.describe("the lab's score board", () => {
  // One lab server for the group: the tests take turns with its switches.
  test.describe.configure({ mode: "default", timeout: 60_000 });

  test("fixation: an ID planted before sign-in", async ({ lab }) => {
    await lab.bothWays("fixation", async () => {
      const victim = await lab.device(null);
      const planted = randomBytes(32).toString("base64url");
      await victim.context().addCookies([{ name: SESSION_COOKIE, value: planted, url: lab.server.baseURL }]);
      await signInOverHttp(victim.context(), await lab.createUser());
    });
  });

  test("no-reuse-detection: a rotated-out ID replayed", async ({ lab }) => {
    const payee = await lab.createUser();
    await lab.bothWays("no-reuse-detection", async () => {
      const victim = await lab.createUser();
      const stolen = await stepUpWithTransfer(await lab.device(victim), lab.server.db, victim, payee);
      await setRotationAge(lab.server.db, victim.id, 60);
      await replayDashboard(lab, stolen);
    });
  });

  test("no-idle-timeout: a session idle past every tier's limit", async ({ lab }) => {
    await lab.bothWays("no-idle-timeout", async () => {
      const victim = await lab.createUser();
      const page = await lab.device(victim);
      await ageSession(lab.server.db, victim.id, { idleMinutes: pastIdleLimit("low") });
      await page.goto("/dashboard");
    });
  });

  test("no-absolute-timeout: a session past its absolute lifetime", async ({ lab }) => {
    await lab.bothWays("no-absolute-timeout", async () => {
      const victim = await lab.createUser();
      const page = await lab.device(victim);
      await ageSession(lab.server.db, victim.id, { ageMinutes: POLICY.absoluteLifetimeHours * 60 + 1 });
      await page.goto("/dashboard");
    });
  });

  test("token-in-url: a shared link opened in another browser", async ({ lab }) => {
    await lab.bothWays("token-in-url", async () => {
      const victim = await lab.createUser();
      const token = await sessionCookieValue(await lab.device(victim));
      // The address the victim's links carry under the flaw, pasted into a chat.
      const mallory = await lab.device(null);
      await mallory.goto(`/accounts/${victim.accountId}?sid=${token}`);
    });
  });

  test("no-server-logout: a copied ID replayed after sign-out", async ({ lab }) => {
    await lab.bothWays("no-server-logout", async () => {
      const victim = await lab.device(await lab.createUser());
      const copied = await sessionCookieValue(victim);
      await victim.goto("/dashboard");
      await victim.getByRole("button", { name: "Sign out" }).click();
      await victim.waitForURL(/\/signin/);
      await replayDashboard(lab, copied!);
    });
  });

  test("no-revoke-on-password-change: a stolen session after the new password", async ({ lab }) => {
    await lab.bothWays("no-revoke-on-password-change", async () => {
      const victim = await lab.createUser();
      const stolen = await sessionCookieValue(await lab.device(victim));
      const page = await lab.device(victim);
      await changePasswordInUi(page, victim.password, "violet-harbour-engine-42");
      await expect(page.getByText("Password changed.")).toBeVisible();
      await replayDashboard(lab, stolen!);
    });
  });

  /** The weak layout's ID for `email` issued at `stamp` (lib/session/tokens.ts, guessableToken). */
  function writtenId(stamp: number, email: string): string {
    const bytes = Buffer.alloc(32, ".");
    bytes.write(`${stamp}.${email}`);
    return bytes.toString("base64url");
  }

  test("weak-token: Mallory writes the victim's ID from her own", async ({ lab }) => {
    await lab.bothWays("weak-token", async () => {
      const victim = await lab.createUser();
      await lab.device(victim);
      const own = await sessionCookieValue(await lab.device(await lab.createUser()));
      // Her own ID says when it was issued, under the flaw; without it she can only try the clock.
      const decoded = /^(\d{10})\./.exec(Buffer.from(own!, "base64url").toString("latin1"));
      const stamp = decoded ? Number(decoded[1]) : Math.floor(Date.now() / 1000);
      const thief = await lab.device(null);
      for (let back = 1; back <= 5; back++) {
        const guess = writtenId(stamp - back, victim.email);
        await thief.context().addCookies([{ name: SESSION_COOKIE, value: guess, url: lab.server.baseURL }]);
        await thief.goto("/dashboard");
        if (new URL(thief.url()).pathname === "/dashboard") break;
      }
    });
  });

  test("plaintext-tokens: a value read from a leaked copy of the sessions table", async ({ lab }) => {
    await lab.bothWays("plaintext-tokens", async () => {
      const victim = await lab.createUser();
      await lab.device(victim);
      const row = await lab.server.db.session.findFirstOrThrow({ where: { userId: victim.id, endedAt: null } });
      await replayDashboard(lab, row.tokenHash);
    });
  });

  test("token-in-logs: the victim's sign-in line read from the server's log", async ({ lab }) => {
    const log = lab.server.logPath;
    await lab.bothWays("token-in-logs", async () => {
      const victim = await lab.createUser();
      await lab.device(victim);
      const [line] = await signInLogLines(log, victim.id, 1);
      await replayDashboard(lab, (JSON.parse(line!) as { session: string }).session);
    });
  });

  /** Sends a transfer on the session `page` holds, trusting its step-up if the bank does. */
  async function sendTransfer(page: Page, to: TestUser): Promise<void> {
    await fillTransfer(page, to, "1.00");
    await page.getByRole("button", { name: "Send transfer" }).click();
    await expect(page.getByRole("heading", { name: "Transfer sent" })).toBeVisible();
  }

  test("no-rotation-on-step-up: an ID copied before the step-up moves money", async ({ lab }) => {
    const payee = await lab.createUser();
    await lab.bothWays("no-rotation-on-step-up", async () => {
      const victim = await lab.createUser();
      const copied = await stepUpWithTransfer(await lab.device(victim), lab.server.db, victim, payee);
      await setRotationAge(lab.server.db, victim.id, 60);
      const thief = await lab.device(null);
      await thief.context().addCookies([{ name: SESSION_COOKIE, value: copied, url: lab.server.baseURL }]);
      await thief.goto("/transfers");
      // With the defense on, the copy was replaced at the step-up: sign-in, no transfer form.
      if (new URL(thief.url()).pathname === "/transfers") await sendTransfer(thief, payee);
    });
  });

  test("the owner's own use with these flaws on leaves the board as it was", async ({ lab }) => {
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
    for (const flaw of flaws) await lab.setFlaw(flaw, true);
    const before = await lab.trainer.getByRole("log", { name: "Latest attack" }).textContent();
    const owner = await lab.createUser();
    const page = await lab.device(null);
    await signInWithForm(page, owner);
    await accountLink(page, /Checking/).click();
    await page.waitForURL(/[?&]sid=/);
    // A step-up, then a second transfer on its freshness, both in the owner's own browser.
    const payee = await lab.createUser();
    await stepUpWithTransfer(page, lab.server.db, owner, payee);
    await sendTransfer(page, payee);
    await changePasswordInUi(page, owner.password, "violet-harbour-engine-42");
    await expect(page.getByText("Password changed.")).toBeVisible();
    await page.goto("/dashboard");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/signin/);
    await signInWithForm(page, { email: owner.email, password: "violet-harbour-engine-42" });
    for (const flaw of flaws) await lab.setFlaw(flaw, false);
    await expect(lab.trainer.getByRole("log", { name: "Latest attack" })).toHaveText(before ?? "");
  });

  test("a session the attack never touched leaves the board as it was", async ({ lab }) => {
    const before = await lab.trainer.getByRole("log", { name: "Latest attack" }).textContent();
    const customer = await lab.createUser();
    const page = await lab.device(customer);
    await page.goto("/dashboard");
    expect(await sessionCookieValue(page)).toBeTruthy();
    await page.goto("/transfers");
    await lab.trainer.goto("/lab");
    await expect(lab.trainer.getByRole("log", { name: "Latest attack" })).toHaveText(before ?? "");
  });
});
