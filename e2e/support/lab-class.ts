// The score board specs' class: one lab server per worker, as `npm run lab` starts it, at
// production's bcrypt cost (so guesses take a real check's time), its trainer's console open in
// a browser of its own, and the attack's other browsers (the victim's, Mallory's) closed after
// each test. Every spec of a worker shares the server: one test at a time takes its switches.
import type { BrowserContext, Page } from "@playwright/test";
import { PRODUCTION_HASH_COST } from "@/lib/auth/password-rules";
import { labKeyUrl } from "@/lib/lab/key";
import type { OwnServer } from "./direct-server";
import { expect, signInOverHttp, test as base, type TestUser } from "./fixtures";

export type Outcome = "Exploited" | "Blocked";

export type LabClass = {
  server: OwnServer;
  /** The trainer's console, signed in with the lab key. */
  trainer: Page;
  /** A browser of its own on the lab server, signed in as `who` unless null. */
  device: (who: Pick<TestUser, "email" | "password"> | null) => Promise<Page>;
  /** Switches the flaw through the console, as the trainer does. */
  setFlaw: (name: string, on: boolean) => Promise<void>;
  /** The score board's row and the announcement both say what the last attack on `flaw` did. */
  expectScore: (flaw: string, outcome: Outcome) => Promise<void>;
  /** Runs `attack` with the flaw on, then with its defense on, reading the board after each. */
  bothWays: (flaw: string, attack: () => Promise<void>) => Promise<void>;
  /** Runs the flaw's attack from the button on its page (lib/lab/bursts.ts); returns what it reports. */
  runFromButton: (flaw: string, button: string) => Promise<string>;
  /** A user of the lab server's database. */
  createUser: (options?: { role?: "customer" | "admin"; productionCost?: boolean }) => Promise<TestUser>;
};

export const test = base.extend<{ lab: LabClass }, { labServer: { server: OwnServer; trainer: Page } }>({
  labServer: [
    async ({ ownServer, browser }, use) => {
      const server = await ownServer({
        name: "lab-scores",
        database: "sqlite",
        flaws: "",
        lab: true,
        passwordHashCost: PRODUCTION_HASH_COST,
      });
      const context = await browser.newContext({ baseURL: server.baseURL });
      const trainer = await context.newPage();
      // The address `npm run lab` prints: the console asks a browser for the key once.
      await trainer.goto(labKeyUrl(server.baseURL, server.labKey));
      await expect(trainer.getByRole("heading", { name: "Lab console" })).toBeVisible();
      await use({ server, trainer });
      await context.close();
    },
    { scope: "worker", timeout: 120_000 },
  ],
  lab: async ({ labServer, browser, createUser }, use) => {
    const { server, trainer } = labServer;
    const contexts: BrowserContext[] = [];
    const device = async (who: Pick<TestUser, "email" | "password"> | null) => {
      const context = await browser.newContext({ baseURL: server.baseURL });
      contexts.push(context);
      if (who) await signInOverHttp(context, who);
      return context.newPage();
    };
    const setFlaw = async (name: string, on: boolean) => {
      await trainer.goto("/lab");
      const toggle = trainer.getByRole("switch", { name, exact: true });
      if ((await toggle.getAttribute("aria-checked")) !== String(on)) await toggle.click();
      await expect(toggle).toHaveAttribute("aria-checked", String(on));
    };
    const expectScore = async (flaw: string, outcome: Outcome) => {
      if (new URL(trainer.url()).pathname !== "/lab") await trainer.goto("/lab");
      const board = trainer.getByRole("table", { name: "Score board" });
      const row = board.getByRole("row", { name: new RegExp(`^${flaw} `) });
      await expect(row.getByRole("cell").nth(1)).toContainText(outcome);
      await expect(trainer.getByRole("log", { name: "Latest attack" })).toContainText(`${outcome}: ${flaw}.`);
    };
    await use({
      server,
      trainer,
      device,
      setFlaw,
      expectScore,
      bothWays: async (flaw, attack) => {
        await setFlaw(flaw, true);
        await attack();
        await expectScore(flaw, "Exploited");
        await setFlaw(flaw, false);
        await attack();
        await expectScore(flaw, "Blocked");
      },
      runFromButton: async (flaw, button) => {
        await trainer.goto(`/lab/flaws/${flaw}`);
        await trainer.getByRole("button", { name: button }).click();
        const answers = trainer.getByRole("region", { name: "What the bank answered" });
        await expect(answers).toContainText(/The attack (worked|failed)\./, { timeout: 45_000 });
        return (await answers.textContent()) ?? "";
      },
      createUser: (options) => createUser({ ...options, in: server.db }),
    });
    await Promise.all(contexts.map((c) => c.close()));
    // Every defense back on for the next test, whatever this one left switched.
    await trainer.goto("/lab");
    await trainer.getByRole("button", { name: "Restore every defense" }).click();
    await expect(trainer.getByText(/^0 of \d+ defenses switched off/)).toBeVisible();
  },
});

export { expect };
