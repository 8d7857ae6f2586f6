// Stripping leaves imports behind: flawOn's own, and those only a flawed branch used
// (guessableToken, withSessionId, …). An import binding goes when nothing in the file names it
// any more and either it comes from the lab's deleted files or the stripped code was its only
// user. A lab import still in use is a StripError: the code that uses it needs a LAB ONLY fence.
import path from "node:path";
import ts from "typescript";
import { lineOf, parse } from "./flaw-branches";
import { StripError } from "./regions";

/** `after` (the stripped text of `file`) without the imports that stripping left unused. */
export function pruneImports(before: string, after: string, file: string, isLabPath: (p: string) => boolean): string {
  const usedBefore = namesUsed(parse(before, file));
  const source = parse(after, file);
  const usedAfter = namesUsed(source);
  const edits: { start: number; end: number; text: string }[] = [];
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !statement.importClause) continue;
    const fromLab = isLabPath(resolveSpecifier((statement.moduleSpecifier as ts.StringLiteral).text, file));
    const bindings = bindingsOf(statement.importClause);
    const unused = bindings.filter((b) => !usedAfter.has(b.name) && (fromLab || usedBefore.has(b.name)));
    const stillUsed = bindings.filter((b) => !unused.includes(b));
    if (fromLab && stillUsed.length > 0) {
      const names = stillUsed.map((b) => b.name).join(", ");
      throw new StripError(`${file}:${lineOf(statement, source)}: ${names} from the lab is still used after stripping`);
    }
    if (unused.length === 0) continue;
    const text = stillUsed.length === 0 ? "" : rebuilt(statement, stillUsed, source);
    const end = text === "" && source.text[statement.getEnd()] === "\n" ? statement.getEnd() + 1 : statement.getEnd();
    edits.push({ start: statement.getStart(source), end, text });
  }
  return edits.reverse().reduce((text, e) => text.slice(0, e.start) + e.text + text.slice(e.end), after);
}

type Binding = { name: string; text: string; kind: "default" | "namespace" | "named" };

function bindingsOf(clause: ts.ImportClause): Binding[] {
  const bindings: Binding[] = [];
  if (clause.name) bindings.push({ name: clause.name.text, text: clause.name.text, kind: "default" });
  const named = clause.namedBindings;
  if (named && ts.isNamespaceImport(named)) {
    bindings.push({ name: named.name.text, text: named.getText(), kind: "namespace" });
  } else if (named) {
    for (const element of named.elements)
      bindings.push({ name: element.name.text, text: element.getText(), kind: "named" });
  }
  return bindings;
}

function rebuilt(statement: ts.ImportDeclaration, kept: Binding[], source: ts.SourceFile): string {
  const typeOnly = statement.importClause!.isTypeOnly ? "type " : "";
  const parts = kept.filter((b) => b.kind !== "named").map((b) => b.text);
  const named = kept.filter((b) => b.kind === "named").map((b) => b.text);
  if (named.length > 0) parts.push(`{ ${named.join(", ")} }`);
  return `import ${typeOnly}${parts.join(", ")} from ${statement.moduleSpecifier.getText(source)};`;
}

/** Every identifier outside the import declarations (a name-level check: enough for imports). */
function namesUsed(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) return;
    if (ts.isIdentifier(node)) names.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

/** The project-relative path an import names ("@/lib/x", "./x", "../x"); a package's as is. */
export function resolveSpecifier(specifier: string, file: string): string {
  if (specifier.startsWith("@/")) return specifier.slice(2);
  if (specifier.startsWith(".")) return path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
  return specifier;
}
