// Owns running the Prisma CLI from the db scripts and tests: always from the project root (so
// prisma.config.ts picks the schema for the given DATABASE_URL), output captured, and a failure
// reported as one readable line instead of the CLI's banner and stack.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { DatabaseUrlError } from "../lib/database-url";

export const PROJECT_ROOT = path.resolve(__dirname, "..");
const PRISMA_CLI = path.join(PROJECT_ROOT, "node_modules", "prisma", "build", "index.js");
const PRELOAD = path.join(PROJECT_ROOT, "scripts", "prisma-cli-preload.cjs");

/** An expected failure: the scripts print its message alone, without a stack. */
export class ExpectedError extends Error {}

export interface PrismaRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs `prisma <args>` against `databaseUrl`; throws unless the exit status is allowed. */
export function runPrisma(args: string[], databaseUrl: string, allowedStatuses: number[] = [0]): PrismaRun {
  const result = spawnSync(process.execPath, ["--require", PRELOAD, PRISMA_CLI, ...args], {
    cwd: PROJECT_ROOT,
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
  const run = { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
  if (!allowedStatuses.includes(run.status)) {
    throw new ExpectedError(`prisma ${args[0]} ${args[1] ?? ""} failed: ${errorSummary(run)}`.replace(/ +/g, " "));
  }
  return run;
}

const CLI_NOISE =
  /^(Prisma CLI Version|Loaded Prisma config|Prisma config detected|Prisma schema loaded|Datasource "|\[Context)/;

// The CLI surrounds its error with banners and a version footer: keep the error line, plus
// the sentence after it when the error line is only a code ("Error: P1002").
function errorSummary({ stdout, stderr }: PrismaRun): string {
  const lines = `${stdout}\n${stderr}`
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !CLI_NOISE.test(line));
  const index = lines.findIndex((line) => /^Error\b|error:/i.test(line));
  if (index < 0) return lines.at(-1) ?? "no output";
  const errorLine = lines[index] ?? "";
  return /^Error:?\s*(P\d{4})?$/.test(errorLine) ? `${errorLine} ${lines[index + 1] ?? ""}`.trim() : errorLine;
}

/** Turns expected failures into a one-line message and exit code 1. */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    const expected = error instanceof ExpectedError || error instanceof DatabaseUrlError;
    const message = expected ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
    console.error(message);
    process.exit(1);
  });
}
