// Loads the .env files with Next's own loader (@next/env), so the db scripts and the Prisma CLI
// see exactly what the app sees: .env, then .env.development or .env.production, each with its
// .local override (no .env.local under NODE_ENV=test); variables already set win over every
// file. Loadable outside Next: prisma.config.ts and the scripts call it.
import { loadEnvConfig } from "@next/env";

const quiet = { info: () => {}, error: console.error };

/** `dev` picks the .env.development files over .env.production, as `next dev` / `next start` do. */
export function loadEnvFiles(dir: string, dev = process.env.NODE_ENV !== "production"): void {
  loadEnvConfig(dir, dev, quiet);
}
