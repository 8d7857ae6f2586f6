// The lab console's "View Source": for each flaw, the lines around its `// LAB FLAW <name>`
// markers, read from the source files on every request so they can never go stale. Lab mode
// only; a deployment without its sources (a standalone build) simply shows none. The reads are
// at run time on purpose: `turbopackIgnore` keeps the build from tracing the whole project.
import "server-only";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

/** Where defenses live: every marker is in one of these (tests and generated code excluded). */
const SOURCE_ROOTS = ["lib", "app", "components", "proxy.ts"];
const LINES_BEFORE = 2;
const LINES_AFTER = 6;
// A comment line that opens with the marker: `// LAB FLAW name` or ` * LAB FLAW name` in a doc comment.
const MARKER = /^\s*(?:\/\/|\/\*+|\*)\s*LAB FLAW ([a-z0-9-]+)/;

export type SourceLine = { number: number; text: string; marker: boolean };
export type SourceExcerpt = { file: string; line: number; lines: SourceLine[] };

/** Every marker in the sources, by the flaw it names, each with its lines of context. */
export async function flawSources(projectRoot: string = process.cwd()): Promise<Map<string, SourceExcerpt[]>> {
  const found = new Map<string, SourceExcerpt[]>();
  for (const file of await sourceFiles(projectRoot)) {
    const lines = (
      await readFile(path.join(/*turbopackIgnore: true*/ projectRoot, file), "utf8").catch(() => "")
    ).split("\n");
    lines.forEach((text, index) => {
      const name = MARKER.exec(text)?.[1];
      if (!name) return;
      found.set(name, [...(found.get(name) ?? []), excerpt(file, lines, index)]);
    });
  }
  return found;
}

function excerpt(file: string, lines: string[], index: number): SourceExcerpt {
  const first = Math.max(0, index - LINES_BEFORE);
  const last = Math.min(lines.length - 1, index + LINES_AFTER);
  const shown = lines
    .slice(first, last + 1)
    .map((text, offset) => ({ number: first + offset + 1, text, marker: first + offset === index }));
  return { file, line: index + 1, lines: shown };
}

async function sourceFiles(projectRoot: string): Promise<string[]> {
  const files: string[] = [];
  for (const root of SOURCE_ROOTS) {
    const entries = await readdir(path.join(/*turbopackIgnore: true*/ projectRoot, root), { recursive: true }).catch(
      () => null,
    );
    if (entries === null) files.push(root);
    else files.push(...entries.map((entry) => path.join(/*turbopackIgnore: true*/ root, entry)));
  }
  return files
    .filter(
      (file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file) && !file.startsWith(path.join("lib", "generated")),
    )
    .sort();
}
