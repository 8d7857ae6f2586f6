// `npm run lab:strip`: removes the lab from this working tree for good, leaving the secure
// code. It rewrites files in place, so it refuses a tree with uncommitted changes (--force
// overrides): afterwards `git diff` shows exactly what it did, and `git checkout .` undoes it.
// docs/adapting.md ("The lab, if you do not want it") says what it removes and what is left.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { stripLab, StripError, type StripReport } from "./strip-lab/index";

const ROOT = path.resolve(__dirname, "..");

function uncommittedChanges(): string | null {
  try {
    const status = execFileSync("git", ["status", "--porcelain"], { cwd: ROOT, encoding: "utf8" });
    return status.trim() === "" ? null : status.trimEnd();
  } catch {
    return "(not a git working tree: nothing would show what changed)";
  }
}

function print(report: StripReport): void {
  console.log(`Deleted the lab's own files: ${report.deleted.join(", ")}`);
  console.log(`Removed ${report.regions.reduce((n, r) => n + r.count, 0)} LAB ONLY regions:`);
  for (const { file, count } of report.regions) console.log(`  ${file} (${count})`);
  console.log(`Folded ${report.branches.reduce((n, b) => n + b.count, 0)} flawOn branches into the secure line:`);
  for (const { file, count } of report.branches) console.log(`  ${file} (${count})`);
  for (const { file, count } of report.columns)
    console.log(`Dropped the lab's table column in ${file} (${count} rows)`);
  console.log(`Removed package.json scripts: ${report.scripts.join(", ") || "none"}`);
  console.log(
    `Wrote the migration that drops the lab's table: prisma/{sqlite,postgres}/migrations/${report.migration}`,
  );
  console.log("No flawOn, lib/lab, LAB_, LabFlaw or LAB ONLY is left.");
  console.log("\nNext: `npm run postinstall` (the Prisma clients), then `npm run db:setup` for each database.");
}

async function main(): Promise<void> {
  const dirty = uncommittedChanges();
  if (dirty && !process.argv.includes("--force")) {
    console.error(`lab:strip rewrites files in place; commit or stash first (or pass --force):\n${dirty}`);
    process.exit(1);
  }
  try {
    print(await stripLab(ROOT));
  } catch (error) {
    if (!(error instanceof StripError)) throw error;
    console.error(`lab:strip failed, ${error.message}`);
    process.exit(1);
  }
}

void main();
