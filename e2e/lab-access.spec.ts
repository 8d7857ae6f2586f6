// Threat: a lab server taken over by whoever reaches it. Its console switches defenses off and
// resets every account with one form post, so anyone on the network (or on this machine), or a
// page from another site the trainer happens to open, could rewrite the demo under the class's
// eyes. Defense: the lab listens on loopback only; `npm run lab` draws a key for each start and
// prints the address that carries it; the console asks a browser for it once, keeps an HMAC of
// it in an HttpOnly cookie, and every lab page, route and action without that cookie is refused
// with a 403 by Vaultline itself (lib/lab/access.ts, lib/lab/guard.ts), as is a write from
// another origin even when the lab's `csrf` flaw is on.
import { spawn, type ChildProcess } from "node:child_process";
import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import { request as playwrightRequest, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { labAccessToken, labCookieName, labKeyUrl, newLabKey } from "@/lib/lab/key";
import { PROJECT_ROOT } from "../scripts/prisma-cli";
import { freePort, type DirectServer } from "./support/direct-server";
import { expect, test } from "./support/fixtures";
import { callAction, formParts } from "./support/server-action";
import { spareServerPort } from "./support/servers";

const ALICE_EMAIL = "alice@vaultline.test";
// The csrf flaw is on from the start: the bank's own same-origin check is off, the console's is not.
const STARTING_FLAWS = "csrf";

test.describe("a lab only its trainer controls", () => {
  test.describe.configure({ mode: "default", timeout: 90_000 });
  // The group's helpers below reach the lab server through this.
  let lab: DirectServer;
  test.beforeAll(async ({ ownServer }, testInfo) => {
    testInfo.setTimeout(120_000);
    lab = await ownServer({
      name: "lab-access",
      database: "sqlite",
      port: spareServerPort(5),
      flaws: STARTING_FLAWS,
      lab: true,
    });
  });

  /** A client with no cookie at all: whoever reaches the port. */
  function stranger(headers: Record<string, string> = {}): Promise<APIRequestContext> {
    return playwrightRequest.newContext({
      baseURL: lab.baseURL,
      extraHTTPHeaders: { Origin: lab.baseURL, ...headers },
    });
  }

  async function trainerWindow(browser: Browser): Promise<Page> {
    const context = await browser.newContext({ baseURL: lab.baseURL });
    return context.newPage();
  }

  /** The console's real forms, as a trainer's browser renders them: the action IDs no stranger lacks. */
  async function consoleForms(browser: Browser) {
    const trainer = await trainerWindow(browser);
    await trainer.goto(labKeyUrl(lab.baseURL, lab.labKey));
    const actionField = (form: ReturnType<Page["locator"]>) =>
      form.locator("input[name^='$ACTION_ID_']").getAttribute("name") as Promise<string>;
    const switchField = await actionField(
      trainer.getByRole("switch", { name: "fixation", exact: true }).locator("xpath=ancestor::form"),
    );
    const resetField = await actionField(
      trainer.locator("form").filter({ has: trainer.getByRole("button", { name: "Reset demo data" }) }),
    );
    await trainer.context().close();
    return {
      switchOn: { [switchField]: "", flaw: "fixation", enabled: "on" },
      reset: { [resetField]: "" },
      switchActionId: switchField.slice("$ACTION_ID_".length),
    };
  }

  async function labState() {
    const flaws = await lab.db.labFlaw.findMany({ where: { enabled: true }, select: { name: true } });
    const alice = await lab.db.user.findUniqueOrThrow({ where: { email: ALICE_EMAIL } });
    return { flawsOn: flaws.map((f) => f.name).sort(), aliceId: alice.id };
  }

  test("a browser without the key is asked for it and sees no switch, capture or demo", async ({ browser }) => {
    const visitor = await trainerWindow(browser);
    await visitor.goto("/lab");
    await expect(visitor.getByRole("heading", { name: "Lab key" })).toBeVisible();
    await expect(visitor.getByLabel("Lab key")).toBeVisible();
    await expect(visitor.getByRole("heading", { name: "Lab console" })).toBeHidden();
    await expect(visitor.getByRole("switch")).toHaveCount(0);
    await expect(visitor.getByRole("button", { name: "Reset demo data" })).toHaveCount(0);
    await expect(visitor.locator("input[name^='$ACTION_ID_']")).toHaveCount(0);
    const inbox = await visitor.context().request.get("/lab/inbox");
    expect(inbox.status()).toBe(403);
    await visitor.context().close();
  });

  test("keyless and wrong-key switches and resets get a 403 and change nothing", async ({ browser }) => {
    const forms = await consoleForms(browser);
    const before = await labState();
    expect(before.flawsOn).toEqual([STARTING_FLAWS]);

    const keyless = await stranger();
    // Another lab's cookie, the key itself where its HMAC belongs, and a made-up value.
    const wrongCookies = [labAccessToken(newLabKey()), lab.labKey, "x"];
    const wrongKeys = await Promise.all(
      wrongCookies.map((value) => stranger({ Cookie: `${labCookieName(false)}=${value}` })),
    );
    try {
      for (const client of [keyless, ...wrongKeys]) {
        for (const form of [forms.switchOn, forms.reset]) {
          const posted = await client.post("/lab", { multipart: form, maxRedirects: 0 });
          expect(posted.status(), "a plain form post").toBe(403);
          expect(await posted.text()).toContain("needs this lab's key");
        }
        const called = await callAction(
          client,
          "/lab",
          forms.switchActionId,
          formParts({ flaw: "fixation", enabled: "on" }, { plain: true }),
          lab.baseURL,
        );
        expect(called.answer.status, "a server-action call as React sends it").toBe(403);
        expect((await client.get("/lab/inbox")).status()).toBe(403);
      }
      expect(await labState(), "no flaw switched, no account reset").toEqual(before);

      // The same posts with the key do switch and reset: the 403s were about the key alone.
      const trainer = await stranger();
      await trainer.get(labKeyUrl(lab.baseURL, lab.labKey));
      expect((await trainer.post("/lab", { multipart: forms.switchOn, maxRedirects: 0 })).status()).toBeLessThan(400);
      expect((await labState()).flawsOn).toEqual([STARTING_FLAWS, "fixation"].sort());
      await trainer.post("/lab", { multipart: forms.reset, maxRedirects: 0 });
      expect((await labState()).aliceId, "the reset made Alice anew").not.toBe(before.aliceId);
      await trainer.dispose();
    } finally {
      await Promise.all([keyless, ...wrongKeys].map((client) => client.dispose()));
      await lab.db.labFlaw.update({ where: { name: "fixation" }, data: { enabled: false } });
    }
  });

  test("a cross-site post carrying the key's cookie gets a 403 from Vaultline, whatever the csrf flaw says", async ({
    browser,
  }) => {
    const forms = await consoleForms(browser);
    const before = await labState();
    const attackerOrigin = "http://127.0.0.1:4000";
    const keyed = await playwrightRequest.newContext({ baseURL: lab.baseURL });
    try {
      await keyed.get(labKeyUrl(lab.baseURL, lab.labKey));
      expect((await keyed.get("/lab/inbox")).status(), "the cookie is the key's").toBe(200);
      const crossSiteHeaders: Record<string, string>[] = [
        { Origin: attackerOrigin, "Sec-Fetch-Site": "cross-site" },
        { Origin: attackerOrigin, "Sec-Fetch-Site": "same-site" },
        { Origin: "https://evil.example" },
      ];
      for (const headers of crossSiteHeaders) {
        const posted = await keyed.post("/lab", { multipart: forms.switchOn, headers, maxRedirects: 0 });
        expect(posted.status(), JSON.stringify(headers)).toBe(403);
        expect(await posted.text()).toContain("came from another site");
      }
    } finally {
      await keyed.dispose();
    }
    expect(await labState()).toEqual(before);
  });

  test("the key's address lets a browser in once, leaves no key in the address, and a wrong key nothing", async ({
    browser,
  }) => {
    const trainer = await trainerWindow(browser);
    await trainer.goto(labKeyUrl(lab.baseURL, newLabKey()));
    await expect(trainer).toHaveURL(`${lab.baseURL}/lab?refused=key`);
    await expect(trainer.getByRole("alert").filter({ hasText: "That is not this lab's key" })).toBeVisible();
    await expect(trainer.getByRole("switch")).toHaveCount(0);
    expect(await trainer.context().cookies(), "a wrong key earns no cookie").toEqual([]);

    await trainer.goto(labKeyUrl(lab.baseURL, lab.labKey));
    await expect(trainer).toHaveURL(`${lab.baseURL}/lab`);
    await expect(trainer.getByRole("heading", { name: "Lab console" })).toBeVisible();
    const cookie = (await trainer.context().cookies())[0]!;
    expect(cookie).toMatchObject({ name: labCookieName(false), httpOnly: true, sameSite: "Strict", expires: -1 });
    expect(cookie.value, "the browser keeps an HMAC, never the key").not.toContain(lab.labKey);

    // Once per browser: another tab of it goes straight in; another browser is asked again.
    const otherTab = await trainer.context().newPage();
    await otherTab.goto("/lab");
    await expect(otherTab.getByRole("switch", { name: "fixation", exact: true })).toBeVisible();
    const otherBrowser = await trainerWindow(browser);
    await otherBrowser.goto("/lab");
    await expect(otherBrowser.getByRole("heading", { name: "Lab key" })).toBeVisible();

    // The prompt takes the key typed in, and leaves it out of the address too.
    await otherBrowser.getByLabel("Lab key").fill(lab.labKey);
    await otherBrowser.getByRole("button", { name: "Open the console" }).click();
    await expect(otherBrowser.getByRole("heading", { name: "Lab console" })).toBeVisible();
    expect(otherBrowser.url()).toBe(`${lab.baseURL}/lab`);
    await Promise.all([trainer.context().close(), otherBrowser.context().close()]);
  });

  test("the lab listens on loopback only", async () => {
    const outward = Object.values(networkInterfaces())
      .flat()
      .find((address) => address && !address.internal && address.family === "IPv4");
    test.skip(!outward, "this machine has no address but loopback");
    expect(await connects("127.0.0.1", spareServerPort(5))).toBe(true);
    expect(await connects(outward!.address, spareServerPort(5)), `${outward!.address} reaches no lab`).toBe(false);
  });
});

test("`npm run lab` prints the address with its key, which opens its console", async ({ browser }) => {
  test.skip(!!process.env.MUTATE_FLAWS, "MUTATE_FLAWS is about the secure specs");
  test.setTimeout(120_000);
  const [port, attackerPort] = [await freePort(), await freePort()];
  const started = spawn(process.execPath, ["--import", "tsx", "scripts/lab.ts"], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PORT: String(port), ATTACKER_PORT: String(attackerPort), LAB_FLAWS: "" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    const printed = await printedConsoleAddress(started);
    expect(new URL(printed).origin).toBe(`http://localhost:${port}`);
    const trainer = await (await browser.newContext()).newPage();
    await trainer.goto(printed);
    await expect(trainer.getByRole("heading", { name: "Lab console" })).toBeVisible();
    expect(trainer.url()).toBe(`http://localhost:${port}/lab`);
    await trainer.context().close();
  } finally {
    await new Promise((resolve) => {
      started.once("exit", resolve);
      started.kill("SIGTERM");
    });
  }
});

/** The lab console's address as `npm run lab` prints it, once the bank answers. */
function printedConsoleAddress(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Lab console:\s+(\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once("exit", (code) => reject(new Error(`npm run lab exited (${code}) before printing:\n${output}`)));
  });
}

function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
