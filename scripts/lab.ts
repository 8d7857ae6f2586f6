// `npm run lab`: the trainer's lab in one command. The bank in lab mode (LAB_ALLOW=1) on
// http://localhost:3000 (PORT) with its own database, so demo attacks never touch the development
// data; and the attacker's site on http://127.0.0.1:4000 (ATTACKER_PORT), another *site* than the
// bank. The flaws LAB_FLAWS names (default: all) are on at start; the lab console at /lab
// switches them while the lab runs.
//
// The console is the trainer's alone: each start draws a new key (LAB_KEY, lib/lab/key.ts) and
// prints the address that carries it, as Jupyter prints its token; a browser opens it once. The
// bank listens on loopback only, unless LAB_HOST says otherwise on purpose (server.mjs warns).
//
// The bank runs the production build (`npm start`), built first when the sources are newer, as
// the e2e servers do: the development server sends every page with no-store (so `no-cache-control`
// could not be shown) and relaxes the CSP for its own tooling, and a demo must behave in the room
// exactly as its attack spec proves.
import { spawn } from "node:child_process";
import { LAB_DATABASE_URL } from "../lib/database-url";
import { parseFlaws } from "../lib/lab/flaw-names";
import { labKeyUrl, newLabKey } from "../lib/lab/key";
import { startAttackerSite, type AttackerSite } from "./attacker-site";
import { buildIfStale } from "./build-if-stale";
import { setupDatabase } from "./db-setup";
import { loadDevEnv } from "./dev-secret";
import { ExpectedError, PROJECT_ROOT, runMain } from "./prisma-cli";

const READY_POLL_MS = 500;

/** LAB_FLAWS, checked before anything is built: a typo is a clear error, never a secure lab. */
function startingFlaws(): string {
  const flaws = process.env.LAB_FLAWS ?? "all";
  try {
    parseFlaws(flaws);
  } catch (error) {
    throw new ExpectedError((error as Error).message);
  }
  return flaws;
}

function port(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > 65535)
    throw new ExpectedError(`${name} must be a port number, not "${process.env[name]}".`);
  return value;
}

async function main(): Promise<void> {
  const flaws = startingFlaws();
  const bankPort = port("PORT", 3000);
  const bank = `http://localhost:${bankPort}`;
  loadDevEnv();
  await setupDatabase(LAB_DATABASE_URL);
  buildIfStale();
  const attacker = await startAttackerSite({
    port: port("ATTACKER_PORT", 4000),
    bankUrl: bank,
    log: console.log,
  }).catch((error: Error) => {
    throw new ExpectedError(`The attacker's site cannot listen: ${error.message}. Set ATTACKER_PORT to a free port.`);
  });
  const key = newLabKey();
  const child = spawn(process.execPath, ["server.mjs"], {
    cwd: PROJECT_ROOT,
    stdio: "inherit",
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(bankPort),
      NEXTAUTH_URL: bank,
      DATABASE_URL: LAB_DATABASE_URL,
      LAB_FLAWS: flaws,
      // Lab mode on purpose: without it a server with flaws refuses to start, and /lab is a 404.
      LAB_ALLOW: "1",
      // Drawn afresh for this start: a key printed for an earlier lab opens nothing now.
      LAB_KEY: key,
      LAB_ATTACKER_URL: attacker.url,
      // A lab on this machine only: plain HTTP is the point, not an oversight.
      ALLOW_PLAIN_HTTP: "1",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  const stop = () => child.kill("SIGTERM");
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  child.on("exit", (code) => attacker.close().finally(() => process.exit(code ?? 0)));
  if (await ready(`${bank}/signin`, () => child.exitCode !== null)) announce(bank, attacker, flaws, key);
}

/** Waits for the bank to answer its sign-in page. */
async function ready(url: string, exited: () => boolean): Promise<boolean> {
  while (!exited()) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return true;
    await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
  }
  return false;
}

function announce(bank: string, attacker: AttackerSite, flaws: string, key: string): void {
  const host = process.env.LAB_HOST?.trim();
  console.log(`
  Vaultline lab — never expose it to a network. Flaws on at start: ${flaws || "none"}.
    The bank (victim):   ${bank}
    Lab console:         ${labKeyUrl(bank, key)}
                         (open it once per browser; the key is new at every start, keep it to yourself)
    Attacker's site:     ${attacker.url}
${host ? `\n  WARNING: LAB_HOST=${host}: the lab is reachable beyond this machine. Only its key guards the console.\n` : ""}`);
}

runMain(main);
