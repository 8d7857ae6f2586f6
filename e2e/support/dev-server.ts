// A development server (`npm run dev`'s `server.mjs --dev`) for the specs about Next's own dev
// tools, on a copy of the app with pages of the spec's own added: a page that throws must exist
// to see Next's error overlay, and the app itself has none (bad input gets a 4xx, never an
// exception). The copy, not the working tree, gets the page, so nothing the spec adds can be
// committed, built or served by any other server. The copy sits in .e2e/ inside the project, so
// it resolves the project's node_modules and its SQLite file is one Vaultline made for itself.
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { captureOutput, newServerSecret } from "../../scripts/e2e-server";
import { setupDatabase } from "../../scripts/db-setup";
import { PROJECT_ROOT } from "../../scripts/prisma-cli";
import { E2E_DIR, serverLogPath, throwawayDatabaseUrl } from "./servers";

// What `next dev` needs of the project: the app, its configuration and the server in front.
const APP_SOURCES = [
  "app",
  "components",
  "lib",
  "prisma",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.mjs",
  "tsconfig.json",
  "server.mjs",
  "package.json",
];

// The first request compiles the instrumentation, the proxy and the sign-in page.
const READY_TIMEOUT_MS = 180_000;

export type DevServer = {
  baseURL: string;
  /** Writes a page of the copy (path under app/ → source), as a developer saving a file. */
  writePage: (route: string, source: string) => void;
  stop: () => Promise<void>;
};

/** Starts `server.mjs --dev` on a copy of the app with `pages` (path under app/ → source) added. */
export async function startDevServer(options: {
  name: string;
  port: number;
  pages: Record<string, string>;
}): Promise<DevServer> {
  const copy = path.join(E2E_DIR, `${options.port}-${options.name}-app`);
  copyApp(copy, options.pages);
  const databaseUrl = throwawayDatabaseUrl(options.name, "sqlite");
  rmSync(databaseUrl.replace(/^file:/, ""), { force: true });
  await setupDatabase(databaseUrl, { force: true });
  const baseURL = `http://localhost:${options.port}`;
  const child = spawn(process.execPath, ["server.mjs", "--dev"], {
    cwd: copy,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "development",
      PORT: String(options.port),
      NEXTAUTH_URL: baseURL,
      NEXTAUTH_SECRET: newServerSecret(),
      DATABASE_URL: databaseUrl,
      // LAB ONLY
      LAB_FLAWS: "",
      LAB_ALLOW: "",
      // END LAB ONLY
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  captureOutput(child, serverLogPath(options.name));
  // Stopped with the test worker even when a timeout cuts the spec short.
  const orphaned = () => child.kill("SIGKILL");
  process.once("exit", orphaned);
  await waitUntilReady(child, `${baseURL}/signin`);
  return {
    baseURL,
    writePage: (route, source) => writePage(copy, route, source),
    stop: async () => {
      process.off("exit", orphaned);
      await stop(child);
      rmSync(copy, { recursive: true, force: true });
    },
  };
}

function copyApp(copy: string, pages: Record<string, string>): void {
  rmSync(copy, { recursive: true, force: true });
  mkdirSync(copy, { recursive: true });
  for (const source of APP_SOURCES) {
    cpSync(path.join(PROJECT_ROOT, source), path.join(copy, source), {
      recursive: true,
      // Not the development and lab databases: the copy gets its own.
      filter: (file) => !/\.db(-\w+)?$/.test(file),
    });
  }
  for (const [route, source] of Object.entries(pages)) writePage(copy, route, source);
}

function writePage(copy: string, route: string, source: string): void {
  const file = path.join(copy, "app", route, "page.tsx");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, source);
}

async function waitUntilReady(child: ChildProcess, url: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the development server exited (${child.exitCode})`);
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await stop(child);
  throw new Error(`the development server did not answer ${url} within ${READY_TIMEOUT_MS / 1000}s`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}
