// Threat: a class that cannot tell whether the attack just worked, for the policy's limits: the
// tier ceiling, revocation at a credential change, the attempt limits (at sign-in, at step-up,
// over hours, counted by a client address the client cannot choose), the fair share of bcrypt
// and the admin panel's single session. Defense: the line that enforces each limit reports what it let
// through or stopped, and the trainer's score board shows it (lib/lab/outcomes.ts). Each test
// runs the flaw's demo from browsers of their own on a lab server, once with the flaw on
// ("Exploited") and once with its defense on ("Blocked"). e2e/lab-score-board.spec.ts does the
// same for the other flaws.
import { apiSignInAttempt, documentationAddress } from "./support/api";
import { ageSession, enterAdminPanel } from "./support/fixtures";
import { expect, test } from "./support/lab-class";
import { idleBetween } from "./support/policy";
import { demoUser } from "@/prisma/seed";

// The tests take turns with the lab server's switches.
// Guesses are checked at production's bcrypt cost here: the button demos take real time.
test.describe.configure({ mode: "default", timeout: 90_000 });

test("tier-reopen: a low page after an idle gap past the high tier, then a high one", async ({ lab }) => {
  await lab.bothWays("tier-reopen", async () => {
    const victim = await lab.createUser();
    const page = await lab.device(victim);
    await ageSession(lab.server.db, victim.id, { idleMinutes: idleBetween("high", "medium") });
    await page.goto("/profile");
    await page.goto("/security");
  });
  // Every window tells the room too, the victim's as much as the console: the lab's banner.
  const bystander = await lab.device(null);
  await bystander.goto("/signin");
  await expect(bystander.getByRole("note", { name: "Lab mode" })).toContainText("Latest attack: Blocked: tier-reopen.");
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

// The demo data's Bob and administrator (prisma/seed.ts), whose passwords the lab's demos use.
const BOB = demoUser("bob@vaultline.test");
const ADMIN = demoUser("admin@vaultline.test");

test("no-lockout-escalation from its page: six hours of slow guessing, then Bob's password", async ({ lab }) => {
  test.slow(); // 62 sign-ins at production's bcrypt cost
  const button = "Run six hours of slow guessing as Mallory";
  await lab.setFlaw("no-lockout-escalation", true);
  const flawed = await lab.runFromButton("no-lockout-escalation", button);
  expect(flawed).toContain("The attack worked.");
  await lab.expectScore("no-lockout-escalation", "Exploited");
  await lab.setFlaw("no-lockout-escalation", false);
  const secure = await lab.runFromButton("no-lockout-escalation", button);
  expect(secure).toContain("The attack failed.");
  expect(secure).not.toContain("201 signed in");
  await lab.expectScore("no-lockout-escalation", "Blocked");

  // The guide's last step: the administrator unlocks Bob, and his own password works again.
  const admin = await enterAdminPanel(await lab.device(ADMIN));
  await admin.getByRole("button", { name: `Unlock account of ${BOB.email}` }).click();
  await expect(admin.getByRole("button", { name: `Unlock account of ${BOB.email}` })).toBeHidden();
  expect((await apiSignInAttempt((await lab.device(null)).request, BOB)).status()).toBe(201);
});

test("revocation-snapshot from its page: Mallory's sign-ins race Alice's password change", async ({ lab }) => {
  const button = "Sign in as Mallory again and again while Alice changes her password";
  await lab.setFlaw("revocation-snapshot", true);
  expect(await lab.runFromButton("revocation-snapshot", button)).toContain("The attack worked.");
  await lab.setFlaw("revocation-snapshot", false);
  const secure = await lab.runFromButton("revocation-snapshot", button);
  expect(secure).toContain("The attack failed.");
  expect(secure).not.toContain("200 with a session");
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

test("spoofable-ip: a sign-in attempt that writes its own X-Forwarded-For", async ({ lab }) => {
  await lab.bothWays("spoofable-ip", async () => {
    const victim = await lab.createUser();
    const mallory = await lab.device(null);
    const guess = { email: victim.email, password: "password123" };
    await apiSignInAttempt(mallory.request, guess, { "X-Forwarded-For": documentationAddress() });
  });
});

// The guessing demos run from a button. Alice's and Bob's demo passwords are hashed at
// production's cost here, so the guesses take a real check's time, as in a real bank.
test("attempt-race from its page: guesses at once, then the right password", async ({ lab }) => {
  await lab.setFlaw("attempt-race", true);
  expect(await lab.runFromButton("attempt-race", "Run the guesses as Mallory")).toContain("The attack worked.");
  await lab.expectScore("attempt-race", "Exploited");
  await lab.setFlaw("attempt-race", false);
  const secure = await lab.runFromButton("attempt-race", "Run the guesses as Mallory");
  expect(secure).toContain("The attack failed.");
  expect(secure).not.toContain("200 confirmed");
  await lab.expectScore("attempt-race", "Blocked");
});

test("no-login-throttle from its page: guessing past the sign-in limit", async ({ lab }) => {
  await lab.setFlaw("no-login-throttle", true);
  const flawed = await lab.runFromButton("no-login-throttle", "Run the guesses as Mallory");
  expect(flawed).toContain("The attack worked.");
  expect(flawed).toContain("201 signed in");
  await lab.expectScore("no-login-throttle", "Exploited");
  await lab.setFlaw("no-login-throttle", false);
  const secure = await lab.runFromButton("no-login-throttle", "Run the guesses as Mallory");
  expect(secure).toContain("The attack failed.");
  expect(secure).toContain("429 throttled");
  await lab.expectScore("no-login-throttle", "Blocked");
});

test("unfair-hash-queue from its page: Mallory's flood of step-ups, then Alice's sign-in", async ({ lab }) => {
  const button = "Flood the bank's password checks as Mallory";
  await lab.setFlaw("unfair-hash-queue", true);
  expect(await lab.runFromButton("unfair-hash-queue", button)).toContain("The attack worked.");
  await lab.expectScore("unfair-hash-queue", "Exploited");
  await lab.setFlaw("unfair-hash-queue", false);
  const secure = await lab.runFromButton("unfair-hash-queue", button);
  expect(secure).toContain("The attack failed.");
  expect(secure).toContain("Alice: 201 signed in");
  await lab.expectScore("unfair-hash-queue", "Blocked");
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
