// No module of the app imports itself back, however indirectly. In a cycle one module always
// runs before the other has finished: a value it reads at load time is still undefined, and
// which one depends on which file happened to load first. Type-only imports count too: a cycle
// of types is the same tangle waiting for its first value.
import assert from "node:assert/strict";
import { test } from "node:test";
import ts from "typescript";
import { parseFile, resolveImport, sourceFiles } from "./source-tree";

const ROOTS = ["lib", "app", "components", "scripts"];
const ROOT_FILES = ["proxy.ts", "instrumentation.ts"];
/** Prisma's generated clients: not ours to untangle. */
const GENERATED = "lib/generated/";

/** The specifiers a file imports: static imports and re-exports, and `import("…")` with a literal. */
function importedSpecifiers(file: string): string[] {
  const specifiers: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      if (ts.isStringLiteral(node.moduleSpecifier)) specifiers.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      specifiers.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(parseFile(file));
  return specifiers;
}

/** The project's own imports of each file, followed wherever they lead. */
export function importGraph(start: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const pending = [...start];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (graph.has(file)) continue;
    const imports = importedSpecifiers(file)
      .flatMap((specifier) => resolveImport(file, specifier) ?? [])
      .filter((imported) => !imported.startsWith(GENERATED));
    graph.set(file, [...new Set(imports)]);
    pending.push(...imports);
  }
  return graph;
}

/** Each cycle once, as the files in import order, starting from its first file alphabetically. */
export function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles = new Map<string, string[]>();
  const done = new Set<string>();
  const stack: string[] = [];
  const visit = (file: string) => {
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      const at = stack.indexOf(next);
      if (at >= 0) {
        const cycle = stack.slice(at);
        const first = cycle.indexOf([...cycle].sort()[0]!);
        const ordered = [...cycle.slice(first), ...cycle.slice(0, first)];
        cycles.set(ordered.join(" → "), ordered);
      } else if (!done.has(next)) {
        visit(next);
      }
    }
    stack.pop();
    done.add(file);
  };
  for (const file of [...graph.keys()].sort()) if (!done.has(file)) visit(file);
  return [...cycles.values()];
}

test("no import cycle among the app's modules (lib, app, components, scripts, proxy, instrumentation)", () => {
  const graph = importGraph([...ROOTS.flatMap((folder) => sourceFiles(folder)), ...ROOT_FILES]);
  const cycles = findCycles(graph).map((cycle) => [...cycle, cycle[0]].join(" → "));
  assert.deepEqual(cycles, [], `import cycles:\n  ${cycles.join("\n  ")}`);
});

test("a cycle is found and named, however long", () => {
  const graph = new Map([
    ["a.ts", ["b.ts"]],
    ["b.ts", ["c.ts"]],
    ["c.ts", ["a.ts", "d.ts"]],
    ["d.ts", []],
  ]);
  assert.deepEqual(findCycles(graph), [["a.ts", "b.ts", "c.ts"]]);
  assert.deepEqual(
    findCycles(
      new Map([
        ["a.ts", ["b.ts"]],
        ["b.ts", []],
      ]),
    ),
    [],
  );
});
