// Threat: a class that cannot tell whether the attack just worked, for the requests another site
// or another customer makes: a frame, a cross-site form, a sign-in link to elsewhere, another
// customer's record by its ID. Defense: the line that answers each (the frame and cross-site
// checks read the browser's Fetch Metadata) reports what it let through or stopped, and the
// trainer's score board shows it (lib/lab/outcomes.ts). Each test runs
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

test("idor: another customer's account history by its ID", async ({ lab }) => {
  const alice = await lab.createUser();
  const mallory = await lab.createUser();
  await lab.bothWays("idor", async () => {
    const page = await lab.device(mallory);
    await page.goto(`/accounts/${alice.accountId}`);
  });
});

test("csrf: another site's form posts to the bank", async ({ lab }) => {
  const victim = await lab.createUser();
  await lab.bothWays("csrf", async () => {
    const page = await lab.device(victim);
    await page.request.post("/session/keep-alive?tier=low", {
      headers: { Origin: "http://127.0.0.1:4000", "Sec-Fetch-Site": "cross-site" },
      maxRedirects: 0,
    });
  });
});

test("open-redirect: a sign-in link that names another site", async ({ lab }) => {
  await lab.bothWays("open-redirect", async () => {
    const victim = await lab.createUser();
    const page = await lab.device(null);
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

test("the victim's own pages, loaded as pages, leave the board as it was", async ({ lab }) => {
  const before = await lab.trainer.getByRole("log", { name: "Latest attack" }).textContent();
  await lab.setFlaw("clickjacking", true);
  const page = await lab.device(await lab.createUser());
  await page.goto("/dashboard");
  await page.goto("/transfers");
  await lab.trainer.goto("/lab");
  await expect(lab.trainer.getByRole("log", { name: "Latest attack" })).toHaveText(before ?? "");
});
