// Owns the strip itself, in the order that keeps each step simple: the lab's own files go
// first, then the fenced regions and the flaw branches in what is left, then the imports that
// only they used; package.json, the migration and formatting follow, and the leftover check
// has the last word.
import { execFileSync } from "node:child_process";
import { existsSync, lstatSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as prettier from "prettier";
import { stripFlawBranches } from "./flaw-branches";
import { dropLabColumns } from "./tables";
import { pruneImports } from "./imports";
import { findLeftovers } from "./leftovers";
import { writeDropMigration } from "./migration";
import { LAB_PATHS, LAB_SCRIPTS } from "./plan";
import { removeLabRegions, StripError } from "./regions";
import { protectionTable, readInventory, withTable } from "../protection-inventory";

export { StripError };

export type StripReport = {
  deleted: string[];
  regions: { file: string; count: number }[];
  branches: { file: string; count: number }[];
  columns: { file: string; count: number }[];
  scripts: string[];
  migration: string;
};

const CODE = /\.(ts|tsx|mts|mjs)$/;

/**
 * Strips the lab from the tree at `root`. Every file is worked out in memory first: a site it
 * cannot strip, or a leftover, throws StripError (all of them, each with its file:line) before
 * anything on disk has changed.
 */
export async function stripLab(root: string): Promise<StripReport> {
  const isLabPath = (file: string) =>
    LAB_PATHS.some((lab) => file === lab || file.startsWith(lab) || stem(file) === stem(lab));
  const kept = trackedFiles(root).filter((file) => !isLabPath(file));
  const report: StripReport = { deleted: [], regions: [], branches: [], columns: [], scripts: [], migration: "" };
  const rewritten = new Map<string, string>();
  const problems: string[] = [];
  for (const file of kept) {
    try {
      const text = strippedText(root, file, isLabPath, report);
      if (text !== null) rewritten.set(file, text);
    } catch (error) {
      if (!(error instanceof StripError)) throw error;
      problems.push(error.message);
    }
  }
  problems.push(...findLeftovers(root, kept, rewritten));
  if (problems.length > 0) throw new StripError(`nothing was changed:\n  ${problems.join("\n  ")}`);

  for (const lab of LAB_PATHS) {
    if (!existsSync(path.join(root, lab))) continue;
    rmSync(path.join(root, lab), { recursive: true, force: true });
    report.deleted.push(lab);
  }
  for (const [file, text] of rewritten) writeFileSync(path.join(root, file), text);
  report.scripts = removeScripts(root);
  report.migration = writeDropMigration(root);
  refreshProtectionTable(root);
  await formatCode(root, [...rewritten.keys(), "package.json"]);
  return report;
}

/** The file's text stripped, or null when it has nothing of the lab. */
function strippedText(
  root: string,
  file: string,
  isLabPath: (p: string) => boolean,
  report: StripReport,
): string | null {
  const bytes = readFileSync(path.join(root, file));
  if (bytes.includes(0)) return null; // binary
  const original = bytes.toString("utf8");
  const regions = removeLabRegions(original, file);
  let text = regions.text;
  if (regions.regions > 0) report.regions.push({ file, count: regions.regions });
  if (file.endsWith(".md")) {
    const tables = dropLabColumns(text);
    if (tables.rows > 0) report.columns.push({ file, count: tables.rows });
    text = tables.text;
  }
  if (CODE.test(file)) {
    const branches = stripFlawBranches(text, file);
    if (branches.sites > 0) report.branches.push({ file, count: branches.sites });
    text = pruneImports(original, branches.text, file, isLabPath);
  }
  return text === original ? null : text;
}

// The README's protection table is made from the app's entry points: the lab's pages go with it.
function refreshProtectionTable(root: string): void {
  const readme = path.join(root, "README.md");
  writeFileSync(readme, withTable(readFileSync(readme, "utf8"), protectionTable(readInventory(root))));
}

function removeScripts(root: string): string[] {
  const file = path.join(root, "package.json");
  const pkg = JSON.parse(readFileSync(file, "utf8")) as { scripts: Record<string, string> };
  const removed = LAB_SCRIPTS.filter((name) => name in pkg.scripts);
  for (const name of removed) delete pkg.scripts[name];
  writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
  return removed;
}

// What stripping leaves is valid but loosely laid out (an unwrapped block keeps its indent):
// prettier, with the project's own settings, lays it out as a person would have.
async function formatCode(root: string, files: string[]): Promise<void> {
  for (const file of files.filter((f) => CODE.test(f) || f.endsWith(".json") || f.endsWith(".css"))) {
    const full = path.join(root, file);
    const options = await prettier.resolveConfig(full);
    writeFileSync(full, await prettier.format(readFileSync(full, "utf8"), { ...options, filepath: full }));
  }
}

/** The files git knows of (tracked or new, not ignored) that exist, project-relative. */
export function trackedFiles(root: string): string[] {
  const out = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: root });
  const files = out.toString("utf8").split("\0").filter(Boolean);
  return [...new Set(files)]
    .filter((file) => lstatSync(path.join(root, file), { throwIfNoEntry: false })?.isFile())
    .sort();
}

function stem(file: string): string {
  return file.replace(/\.(ts|tsx|mts|mjs|md|png)$/, "");
}
