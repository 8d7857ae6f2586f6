// Runs before `npm run dev`: makes a fresh clone work with no configuration — a development
// secret in .env.local, then migrations and demo data for the database DATABASE_URL names
// (the SQLite file by default).
import { setupDatabase } from "./db-setup";
import { loadDevEnv } from "./dev-secret";
import { runMain } from "./prisma-cli";

async function main(): Promise<void> {
  loadDevEnv();
  await setupDatabase();
  console.log("Database ready. Demo accounts are listed in README.md.");
}

runMain(main);
