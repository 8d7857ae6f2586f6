// `npm run lab`: the trainer's server. The development server (`server.mjs --dev`) on
// http://localhost:3000 with the lab flaws named by LAB_FLAWS (default: all) and its own
// database, so demo attacks never touch the development data. The red banner shows on every page.
import { spawn } from "node:child_process";
import { setupDatabase } from "./db-setup";
import { loadDevEnv } from "./dev-secret";
import { runMain } from "./prisma-cli";

const LAB_DATABASE_URL = "file:./prisma/lab.db";

async function main(): Promise<void> {
  loadDevEnv();
  await setupDatabase(LAB_DATABASE_URL);
  const flaws = process.env.LAB_FLAWS || "all";
  console.log(`Lab server with flaws: ${flaws}. Never expose it to a network.`);
  const child = spawn(process.execPath, ["server.mjs", "--dev"], {
    stdio: "inherit",
    // LAB_ALLOW=1: this server is a lab on purpose (without it a server with flaws refuses to start).
    env: { ...process.env, PORT: process.env.PORT ?? "3000", DATABASE_URL: LAB_DATABASE_URL, LAB_FLAWS: flaws, LAB_ALLOW: "1", NEXT_TELEMETRY_DISABLED: "1" },
  });
  child.on("exit", (code) => process.exit(code ?? 0));
}

runMain(main);
