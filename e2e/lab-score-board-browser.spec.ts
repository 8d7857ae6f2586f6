// Threat: a class that cannot tell whether the attack just worked, for the defenses the browser
// enforces on the bank's word (the response headers). Defense: the bank sees the attempt arrive
// (the browser's Fetch Metadata says what the request is for) and reports it with the header
// that answers it, and the trainer's score board shows it (lib/lab/outcomes.ts). Each test runs
// the flaw's demo from browsers of their own on a lab server, once with the flaw on
// ("Exploited") and once with its defense on ("Blocked").
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test as base } from "./support/lab-class";

/** Another site, on its own origin: a page whose iframe shows `target`. Returns the page's address. */
type FramingSite = (target: string) => Promise<string>;

const test = base.extend<{ framingSite: FramingSite }>({
  framingSite: async ({}, use) => {
    const servers: Server[] = [];
    await use(async (target) => {
      const server = createServer((_, response) => {
        response.writeHead(200, { "Content-Type": "text/html" });
        response.end(`<title>Win a prize</title><iframe title="bait" src="${target}"></iframe>`);
      });
      servers.push(server);
      // 127.0.0.1 while the bank is on localhost: another site, as the lab's attacker's site is.
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    });
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  },
});

// The tests take turns with the lab server's switches.
test.describe.configure({ mode: "default", timeout: 60_000 });

test("clickjacking: another site's page frames the victim's dashboard", async ({ lab, framingSite }) => {
  const victim = await lab.createUser();
  const bait = await framingSite(`${lab.server.baseURL}/dashboard`);
  await lab.bothWays("clickjacking", async () => {
    const page = await lab.device(victim);
    // Its load waits for the frame's: the bank has answered the framed request by then.
    await page.goto(bait);
  });
});

test("the victim's own pages, loaded as pages, leave the board as it was", async ({ lab }) => {
  const before = await lab.trainer.getByRole("log", { name: "Latest attack" }).textContent();
  await lab.setFlaw("clickjacking", true);
  const page = await lab.device(await lab.createUser());
  await page.goto("/dashboard");
  await page.goto("/transfers");
  await lab.trainer.goto("/lab");
  await expect(lab.trainer.getByRole("log", { name: "Latest attack" })).toHaveText(before ?? "");
});
