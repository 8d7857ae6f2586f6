// The last word: no file the strip keeps may still name the lab. Whatever a marker or a branch
// missed shows up here with its file and line, and nothing is written.
import { readFileSync } from "node:fs";
import path from "node:path";
import { LEFTOVERS } from "./plan";

/** "file:line: what" for every leftover in `files`, read from `rewritten` when stripped there. */
export function findLeftovers(
  root: string,
  files: readonly string[],
  rewritten: ReadonlyMap<string, string>,
): string[] {
  const found: string[] = [];
  for (const file of files) {
    // The migrations are history: the one that created the lab's table stays, as applied.
    if (/^prisma\/[^/]+\/migrations\//.test(file)) continue;
    const bytes = readFileSync(path.join(root, file));
    if (bytes.includes(0)) continue; // a binary file (an image)
    const text = rewritten.get(file) ?? bytes.toString("utf8");
    text.split("\n").forEach((line, index) => {
      for (const { pattern, what } of LEFTOVERS) {
        if (pattern.test(line)) found.push(`${file}:${index + 1}: ${what}: ${line.trim().slice(0, 100)}`);
      }
    });
  }
  return found;
}
