// Owns the Prisma CLI configuration: picks the SQLite or PostgreSQL schema and migrations by
// the DATABASE_URL scheme (unset means the embedded SQLite file), and runs the bundled WASM
// schema engine through driver adapters, since the native engine cannot be downloaded offline.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { databaseKind, resolveDatabaseUrl } from "./lib/database-url";
import { loadEnvFiles } from "./lib/env-files";
import { postgresCliAdapter, sqliteCliAdapter } from "./prisma/cli-adapters";

// The CLI skips .env when a config file exists.
loadEnvFiles(process.cwd());

const url = resolveDatabaseUrl();
const kind = databaseKind(url);
const folder = path.join("prisma", kind);

export default defineConfig({
  engine: "js",
  experimental: { adapter: true },
  schema: path.join(folder, "schema.prisma"),
  // Seeding is part of `npm run db:setup` (scripts/db-setup.ts), not `prisma db seed`.
  migrations: { path: path.join(folder, "migrations") },
  adapter: async () => (kind === "sqlite" ? sqliteCliAdapter(url) : postgresCliAdapter(url)),
});
