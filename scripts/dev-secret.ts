// The development secret: generated on first run into the git-ignored .env.local, so a fresh
// clone needs no configuration and no secret is ever committed. Production sets its own.
import { randomBytes } from "node:crypto";
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { loadEnvFiles } from "../lib/env-files";
import { PROJECT_ROOT } from "./prisma-cli";

const ENV_FILE = path.join(PROJECT_ROOT, ".env.local");

export function loadDevEnv(): void {
  const current = existsSync(ENV_FILE) ? readFileSync(ENV_FILE, "utf8") : "";
  if (!/^NEXTAUTH_SECRET=/m.test(current)) {
    const secret = randomBytes(32).toString("base64url");
    appendFileSync(ENV_FILE, `${current && !current.endsWith("\n") ? "\n" : ""}NEXTAUTH_SECRET=${secret}\n`);
    console.log("Generated a development NEXTAUTH_SECRET in .env.local (git-ignored).");
  }
  loadEnvFiles(PROJECT_ROOT, true);
}
