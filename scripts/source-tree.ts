// Reading the app's own source as code, for the tests that check its structure (the import
// cycles, the protection inventory): the files of a folder, each parsed by the TypeScript
// compiler, and the module an import names resolved to its file. Only relative and "@/" imports
// are the app's own; a package's never is.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

export const PROJECT_ROOT = path.resolve(__dirname, "..");

const SOURCE_FILE = /\.(ts|tsx|mts|mjs)$/;
const NOT_SOURCE = /\.d\.(ts|mts)$/;
/** Generated code and dependencies: not ours. */
const SKIPPED_FOLDERS = new Set(["generated", "node_modules"]);

/** Every TypeScript (and .mjs) file under `folder`, relative to the project root, sorted. */
export function sourceFiles(folder: string, root: string = PROJECT_ROOT): string[] {
  const found: string[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(root, relative), { withFileTypes: true })) {
      const child = path.join(relative, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) walk(child);
      } else if (SOURCE_FILE.test(entry.name) && !NOT_SOURCE.test(entry.name)) {
        found.push(child);
      }
    }
  };
  walk(folder);
  return found.sort();
}

/** The file parsed (syntax only: no type checking, so it is fast and needs no program). */
export function parseFile(file: string, root: string = PROJECT_ROOT): ts.SourceFile {
  const kind = file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return ts.createSourceFile(file, readFileSync(path.join(root, file), "utf8"), ts.ScriptTarget.Latest, true, kind);
}

const EXTENSIONS = ["", ".ts", ".tsx", ".mts", ".mjs", "/index.ts", "/index.tsx"];

/**
 * The project file a module specifier names, relative to the root: "./x" and "../x" from the
 * importing file, "@/x" from the root (tsconfig's paths). Null for a package.
 */
export function resolveImport(fromFile: string, specifier: string, root: string = PROJECT_ROOT): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = specifier.slice(2);
  else if (specifier.startsWith("./") || specifier.startsWith("../"))
    base = path.join(path.dirname(fromFile), specifier);
  else return null;
  for (const extension of EXTENSIONS) {
    const candidate = path.normalize(base + extension);
    const full = path.join(root, candidate);
    if (existsSync(full) && statSync(full).isFile()) return candidate;
  }
  throw new Error(`${fromFile}: cannot resolve "${specifier}"`);
}
