// Threat: a class that cannot tell whether the attack just worked, for the session policy's
// limits: the tier ceiling, revocation at a credential change, the sign-in hard stop and the
// admin panel's single session. Defense: the line that enforces each limit reports what it let
// through or stopped, and the trainer's score board shows it (lib/lab/outcomes.ts). Each test
// runs the flaw's demo from browsers of their own on a lab server, once with the flaw on
// ("Exploited") and once with its defense on ("Blocked"). e2e/lab-score-board.spec.ts does the
// same for the other flaws.
import { apiSignInAttempt } from "./support/api";
import { ageSession, enterAdminPanel } from "./support/fixtures";
import { expect, test } from "./support/lab-class";
import { idleBetween } from "./support/policy";
import { addSignInFailures } from "./support/sign-in-failures";

// The tests take turns with the lab server's switches.
test.describe.configure({ mode: "default", timeout: 60_000 });

test("tier-reopen: a low page after an idle gap past the high tier, then a high one", async ({ lab }) => {
  await lab.bothWays("tier-reopen", async () => {
    const victim = await lab.createUser();
    const page = await lab.device(victim);
    await ageSession(lab.server.db, victim.id, { idleMinutes: idleBetween("high", "medium") });
    await page.goto("/profile");
    await page.goto("/security");
  });
});

test("revocation-snapshot: a session that landed after the password change's sweep", async ({ lab }) => {
  await lab.bothWays("revocation-snapshot", async () => {
    const victim = await lab.createUser();
    const mallory = await lab.device(victim);
    // The race's outcome, staged: the password changed (a new credential generation) while
    // Mallory's sign-in with the old one was in flight, so the sweep missed her session.
    await lab.server.db.user.update({ where: { id: victim.id }, data: { credentialGeneration: { increment: 1 } } });
    await mallory.goto("/dashboard");
  });
});

test("no-lockout-escalation: the right password after 20 failures spread over hours", async ({ lab }) => {
  await lab.bothWays("no-lockout-escalation", async () => {
    const victim = await lab.createUser();
    // Twenty slow guesses, the last an hour ago: past any wait the server set, at the hard stop.
    await addSignInFailures(lab.server.db, victim.email, 20, 61);
    const mallory = await lab.device(null);
    await apiSignInAttempt(mallory.request, victim);
  });
});

test("concurrent-admin: a stolen admin session in the panel when the real admin enters", async ({ lab }) => {
  await lab.bothWays("concurrent-admin", async () => {
    const admin = await lab.createUser({ role: "admin" });
    const mallory = await enterAdminPanel(await lab.device(admin));
    await expect(mallory.getByRole("heading", { name: "Users and live sessions" })).toBeVisible();
    const real = await enterAdminPanel(await lab.device(admin));
    await expect(real.getByRole("heading", { name: "Users and live sessions" })).toBeVisible();
  });
});

test("an owner's ordinary day leaves the board as it was", async ({ lab }) => {
  const before = await lab.trainer.getByRole("log", { name: "Latest attack" }).textContent();
  const admin = await lab.createUser({ role: "admin" });
  const page = await enterAdminPanel(await lab.device(admin));
  await expect(page.getByRole("heading", { name: "Users and live sessions" })).toBeVisible();
  await page.goto("/security");
  const customer = await lab.createUser();
  expect((await apiSignInAttempt((await lab.device(null)).request, customer)).status()).toBe(201);
  await lab.trainer.goto("/lab");
  await expect(lab.trainer.getByRole("log", { name: "Latest attack" })).toHaveText(before ?? "");
});
