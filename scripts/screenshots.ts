// `npm run screenshots`: the pictures the README shows, taken from the real app so they never go
// stale. It starts the production build (built first when the sources are newer) the way the e2e
// suite starts its own servers: a secure bank (and a lab bank with its attacker's site), each on a
// throwaway database seeded with the demo accounts. Then it signs in and drives the real pages in
// Chromium (the browser playwright.config.ts picks) and writes docs/screenshots/<name>.png: a
// laptop's window (1280×800), and a phone's (390×844, touch) for the phone-<name>.png ones.
// Every server it started is stopped, whatever happens. When a page changes, the locators to
// update are in `ui` below; signing in and filling a transfer are the e2e suite's own helpers.
import { existsSync, mkdirSync, statSync } from "node:fs";
import path from "node:path";
import { chromium, devices, type Browser, type BrowserContextOptions, type Locator, type Page } from "@playwright/test";
import { startOwnServer, type DirectServer } from "../e2e/support/direct-server";
import { adminPanelHeading, ageSession, fillTransfer, signInWithForm as signIn } from "../e2e/support/fixtures";
import { spareServerPort } from "../e2e/support/servers";
import { sessionPolicy } from "../lib/session/policy";
import config from "../playwright.config";
import { demoUser, type SeedUser } from "../prisma/seed";
import { buildIfStale } from "./build-if-stale";
import { ExpectedError, PROJECT_ROOT, runMain } from "./prisma-cli";
// LAB ONLY
import { labKeyUrl } from "../lib/lab/key";
import { startAttackerSite, type AttackerSite } from "./attacker-site";
// END LAB ONLY

const OUT_DIR = path.join(PROJECT_ROOT, "docs", "screenshots");
/** The two windows the pictures are taken in: a laptop's, and a phone's (Alice's second device). */
const LAPTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };
const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  userAgent: devices["iPhone 15"].userAgent,
};
// Space kept around an element shown alone, and at the edges of a band, in CSS pixels.
const AROUND_MARGIN = 32;
const BAND_MARGIN = 16;
const STEP_TIMEOUT_MS = 15_000;
// The timeout warning is shown with this much of its countdown left.
const COUNTDOWN_SHOWN_SECONDS = 90;
// LAB ONLY
// The flaw the lab picture demonstrates: after a genuine sign-in, the victim lands on the
// attacker's look-alike and types the password again (lib/lab/demos.ts).
const LAB_FLAW = "open-redirect";
// END LAB ONLY

/** What the tour waits for and clicks, by role and label: the one place to update when a page changes. */
const ui = {
  signInHeading: (page: Page) => page.getByRole("heading", { name: "Sign in to Vaultline" }),
  email: (page: Page) => page.getByLabel("Email", { exact: true }),
  password: (page: Page) => page.getByLabel("Password", { exact: true }),
  signInButton: (page: Page) => page.getByRole("button", { name: "Sign in", exact: true }),
  welcome: (page: Page, name: string) => page.getByRole("heading", { name: `Welcome, ${name}` }),
  sendTransfer: (page: Page) => page.getByRole("button", { name: "Send transfer" }),
  confirmTransfer: (page: Page) => page.getByRole("button", { name: "Confirm transfer" }),
  stepUp: (page: Page) => page.getByRole("group", { name: "Confirm it's you" }),
  timeoutDialog: (page: Page) => page.getByRole("dialog", { name: "Are you still there?" }),
  // A session's rows, not the header's (which a phone hides).
  sessionRows: (page: Page) =>
    page
      .getByRole("table", { name: "Your sessions" })
      .getByRole("row")
      .filter({ has: page.getByRole("cell") }),
  menuButton: (page: Page) => page.getByRole("button", { name: "Menu" }),
  mainNav: (page: Page) => page.getByRole("navigation", { name: "Main" }),
  enterAdmin: (page: Page) => page.getByRole("button", { name: "Enter admin panel" }),
  adminPanel: adminPanelHeading,
  usersTable: (page: Page) => page.getByRole("table", { name: "Users" }),
  // LAB ONLY
  inbox: (page: Page) => page.getByRole("region", { name: "Attacker's inbox" }),
  captures: (page: Page) => page.getByRole("list", { name: "Captures" }),
  latestAttack: (page: Page) => page.getByRole("log", { name: "Latest attack" }),
  scoreRow: (page: Page, flaw: string) =>
    page.getByRole("table", { name: "Score board" }).getByRole("row", { name: new RegExp(`^${flaw} `) }),
  flawLink: (page: Page, flaw: string) => page.getByRole("link", { name: flaw, exact: true }),
  flawCard: (page: Page, flaw: string) => page.getByRole("article", { name: flaw, exact: true }),
  // END LAB ONLY
  main: (page: Page) => page.getByRole("main"),
  pageHeading: (page: Page) => page.getByRole("main").getByRole("heading", { level: 1 }),
};

const ALICE = demoUser("alice@vaultline.test");
const BOB = demoUser("bob@vaultline.test");
const ADMIN = demoUser("admin@vaultline.test");

async function userId(server: DirectServer, user: SeedUser): Promise<string> {
  return (await server.db.user.findUniqueOrThrow({ where: { email: user.email } })).id;
}

/** A browser window of its own (cookies included) on `baseURL`: a laptop's unless told. */
async function newWindow(browser: Browser, baseURL: string, device: BrowserContextOptions = LAPTOP): Promise<Page> {
  const context = await browser.newContext({
    ...device,
    baseURL,
    deviceScaleFactor: 1,
    locale: "en-US",
    timezoneId: "UTC",
    colorScheme: "light",
    reducedMotion: "reduce",
  });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  return context.newPage();
}

/**
 * Which part of the window goes in the picture: one element with some space around it, a band
 * of the full width from an element down to another (scrolled until the first is at the top, as
 * far as the page goes), or from the top down to an element (scrolled until it ends in the
 * picture), or the whole window as it is (a phone's screen).
 */
type Crop = { around: Locator } | { from?: Locator; downTo: Locator } | "window";

async function shoot(page: Page, name: string, crop: Crop): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  const file = path.join(OUT_DIR, `${name}.png`);
  // The clip is in the window's coordinates, as bounding boxes are; without one, the whole window.
  const clip = crop === "window" ? undefined : await clipFor(page, crop);
  await page.screenshot({ path: file, clip, animations: "disabled", caret: "hide" });
  console.log(`  ${path.relative(PROJECT_ROOT, file)} (${Math.round(statSync(file).size / 1024)} KB)`);
}

async function clipFor(page: Page, crop: Exclude<Crop, "window">) {
  const size = page.viewportSize()!;
  if ("around" in crop) {
    const box = await boxOf(crop.around);
    const x = Math.max(0, box.x - AROUND_MARGIN);
    const y = Math.max(0, box.y - AROUND_MARGIN);
    const right = Math.min(size.width, box.x + box.width + AROUND_MARGIN);
    const bottom = Math.min(size.height, box.y + box.height + AROUND_MARGIN);
    return { x, y, width: right - x, height: bottom - y };
  }
  const scroll = crop.from
    ? Math.floor((await boxOf(crop.from)).y - BAND_MARGIN)
    : Math.max(0, Math.ceil(bottomOf(await boxOf(crop.downTo)) + BAND_MARGIN - size.height));
  // The page may end sooner than that: both are measured again once scrolled.
  if (scroll !== 0) await page.evaluate((by) => window.scrollBy(0, by), scroll);
  const bottom = Math.min(size.height, Math.ceil(bottomOf(await boxOf(crop.downTo)) + BAND_MARGIN));
  const top = crop.from ? Math.max(0, Math.floor((await boxOf(crop.from)).y - BAND_MARGIN)) : 0;
  return { x: 0, y: top, width: size.width, height: bottom - top };
}

function bottomOf(box: { y: number; height: number }): number {
  return box.y + box.height;
}

async function boxOf(element: Locator) {
  const box = await element.boundingBox();
  if (!box) throw new Error(`${element} is not visible`);
  return box;
}

/** Runs one picture's steps; a failure names the picture, which tells where to look. */
async function picture(name: string, steps: () => Promise<void>): Promise<void> {
  try {
    await steps();
  } catch (error) {
    throw new ExpectedError(
      `The "${name}" screenshot failed: ${(error as Error).message}\n` +
        "If the page changed on purpose, update the locators in `ui` (scripts/screenshots.ts) or the e2e helper it uses.",
    );
  }
}

/** The customer's and the admin's pages, on a secure server (every defense on, as deployed). */
async function tourBank(browser: Browser, bank: DirectServer): Promise<void> {
  const policy = sessionPolicy();
  const laptop = await newWindow(browser, bank.baseURL);
  // Alice's second device: it signs in for the sessions picture, then takes the phone's.
  const phone = await newWindow(browser, bank.baseURL, PHONE);

  await picture("sign-in", async () => {
    await laptop.goto("/signin");
    await ui.signInHeading(laptop).waitFor();
    await shoot(laptop, "sign-in", { around: ui.main(laptop) });
  });

  await picture("phone-sign-in", async () => {
    await phone.goto("/signin");
    await ui.signInHeading(phone).waitFor();
    await shoot(phone, "phone-sign-in", "window");
  });

  await picture("dashboard", async () => {
    await signIn(laptop, ALICE);
    await ui.welcome(laptop, ALICE.name).waitFor();
    // Taller than the window with its header: from the greeting down.
    await shoot(laptop, "dashboard", { from: ui.pageHeading(laptop), downTo: ui.main(laptop) });
  });

  await picture("step-up", async () => {
    // The password entered at sign-in, made older than step-up freshness allows for a transfer.
    await ageSession(bank.db, await userId(bank, ALICE), { ageMinutes: policy.stepUpFreshnessMinutes + 1 });
    await fillTransfer(laptop, { accountNumber: BOB.accounts[0]!.number }, "25.00", "Concert tickets");
    await ui.sendTransfer(laptop).click();
    await ui.stepUp(laptop).waitFor();
    await shoot(laptop, "step-up", { from: ui.pageHeading(laptop), downTo: ui.confirmTransfer(laptop) });
  });

  await picture("sessions", async () => {
    // A second device: Alice's phone.
    await signIn(phone, ALICE);
    await laptop.goto("/security/sessions");
    // Both sessions.
    await ui.sessionRows(laptop).nth(1).waitFor();
    await shoot(laptop, "sessions", { downTo: ui.main(laptop) });
  });

  await picture("phone-dashboard", async () => {
    await phone.goto("/dashboard");
    await ui.welcome(phone, ALICE.name).waitFor();
    await shoot(phone, "phone-dashboard", "window");
  });

  await picture("phone-transfers", async () => {
    await phone.goto("/transfers");
    await ui.sendTransfer(phone).waitFor();
    await ui.mainNav(phone).waitFor({ state: "hidden" });
    await shoot(phone, "phone-transfers", "window");
  });

  await picture("phone-menu", async () => {
    await ui.menuButton(phone).click();
    await ui.mainNav(phone).waitFor();
    await shoot(phone, "phone-menu", "window");
  });

  await picture("phone-sessions", async () => {
    await phone.goto("/security/sessions");
    await ui.sessionRows(phone).nth(1).waitFor();
    await shoot(phone, "phone-sessions", "window");
  });

  await picture("timeout-warning", async () => {
    // Both clocks move without waiting: the browser's (Playwright's clock) and the server's
    // (the session's last activity in its database), to the medium tier's limit less the countdown shown.
    const page = await newWindow(browser, bank.baseURL);
    await page.clock.install();
    await signIn(page, BOB);
    const idleMinutes = policy.idleTimeoutMinutes.medium - COUNTDOWN_SHOWN_SECONDS / 60;
    await ageSession(bank.db, await userId(bank, BOB), { idleMinutes });
    await page.clock.fastForward(idleMinutes * 60_000);
    await ui.timeoutDialog(page).waitFor();
    await shoot(page, "timeout-warning", { downTo: ui.timeoutDialog(page) });
  });

  await picture("admin", async () => {
    // Signed in a while ago, so entering the panel asks for the password: the real step-up.
    const page = await newWindow(browser, bank.baseURL);
    await signIn(page, ADMIN);
    await ageSession(bank.db, await userId(bank, ADMIN), { ageMinutes: policy.stepUpFreshnessMinutes + 1 });
    await page.goto("/admin");
    await ui.password(page).fill(ADMIN.password);
    await ui.enterAdmin(page).click();
    await ui.adminPanel(page).waitFor();
    await shoot(page, "admin", { from: ui.adminPanel(page), downTo: ui.usersTable(page) });
  });
}

// LAB ONLY
/**
 * The lab after the open-redirect demo: the console's score board announcing it, and the flaw's
 * own page with the password typed on the look-alike in the inbox.
 */
async function tourLab(browser: Browser, lab: DirectServer, attacker: AttackerSite): Promise<void> {
  await picture("lab", async () => {
    const victim = await newWindow(browser, lab.baseURL);
    const lookAlike = `${attacker.url}/phish`;
    await victim.goto(`/signin?next=${encodeURIComponent(lookAlike)}`);
    await ui.email(victim).fill(ALICE.email);
    await ui.password(victim).fill(ALICE.password);
    await ui.signInButton(victim).click();
    await victim.waitForURL(lookAlike);
    // The attacker's page (scripts/attacker-site.ts), labelled as the bank's own form.
    await ui.email(victim).fill(ALICE.email);
    await ui.password(victim).fill(ALICE.password);
    await ui.signInButton(victim).click();

    const trainer = await newWindow(browser, lab.baseURL);
    await trainer.goto(labKeyUrl(lab.baseURL, lab.labKey));
    await ui
      .latestAttack(trainer)
      .filter({ hasText: `Exploited: ${LAB_FLAW}.` })
      .waitFor();
    await shoot(trainer, "lab", { from: ui.pageHeading(trainer), downTo: ui.scoreRow(trainer, "no-reuse-detection") });

    await ui.flawLink(trainer, LAB_FLAW).click();
    await ui.captures(trainer).filter({ hasText: ALICE.password }).waitFor();
    await shoot(trainer, "lab-flaw", {
      from: ui.pageHeading(trainer),
      downTo: ui.flawCard(trainer, LAB_FLAW).getByRole("list"),
    });
  });
}
// END LAB ONLY

/** Chromium as the e2e suite launches it (playwright.config.ts): Debian's where installed, else Playwright's. */
async function launchBrowser(): Promise<Browser> {
  const launchOptions = config.use?.launchOptions ?? {};
  if (!launchOptions.executablePath && !existsSync(chromium.executablePath())) {
    throw new ExpectedError(
      "No Chromium found: install Debian's (apt-get install chromium-headless-shell) or Playwright's (npx playwright install chromium).",
    );
  }
  return chromium.launch(launchOptions);
}

/** Refuses a port something already answers on: a server of ours would fail there, unseen, and the pictures show someone else's. */
async function ensureNothingAnswers(url: string): Promise<void> {
  if (
    await fetch(url).then(
      () => true,
      () => false,
    )
  ) {
    throw new ExpectedError(`Something already answers at ${url}: stop it, or pick other ports with E2E_PORT_BASE.`);
  }
}

async function main(): Promise<void> {
  buildIfStale();
  mkdirSync(OUT_DIR, { recursive: true });
  // The server's dates in UTC, as the browser's (newWindow).
  const env = { TZ: "UTC" };
  const bankPort = spareServerPort(0);
  const ports = [bankPort];
  // LAB ONLY
  const labPort = spareServerPort(1);
  const attackerPort = spareServerPort(2);
  ports.push(labPort, attackerPort);
  // END LAB ONLY
  for (const port of ports) await ensureNothingAnswers(`http://localhost:${port}`);

  const stops: (() => Promise<unknown>)[] = [];
  try {
    const browser = await launchBrowser();
    stops.push(() => browser.close());
    console.log("Starting a secure server on a throwaway database…");
    const bank = await startOwnServer({
      name: "screenshots",
      database: "sqlite",
      port: bankPort,
      // LAB ONLY
      flaws: "",
      // END LAB ONLY
      env,
    });
    stops.push(bank.stop);
    await tourBank(browser, bank);

    // LAB ONLY
    console.log(`Starting a lab server (${LAB_FLAW}) and the attacker's site…`);
    const attacker = await startAttackerSite({ port: attackerPort, bankUrl: `http://localhost:${labPort}` });
    stops.push(attacker.close);
    const labEnv = { ...env, LAB_ATTACKER_URL: attacker.url };
    const lab = await startOwnServer({
      name: "screenshots-lab",
      database: "sqlite",
      port: labPort,
      flaws: LAB_FLAW,
      lab: true,
      env: labEnv,
    });
    stops.push(lab.stop);
    await tourLab(browser, lab, attacker);
    // END LAB ONLY
  } finally {
    for (const stop of stops.reverse())
      await stop().catch((error: Error) => console.error(`While stopping: ${error.message}`));
  }
}

runMain(main);
