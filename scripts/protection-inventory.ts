// The protection inventory: every entry point of the app, read from its source with the
// TypeScript compiler, and the protection it declares where it starts. Entry points are each
// page, layout and not-found page, each HTTP method a route handler exports, and each export of
// a "use server" file; a page starts with its guard's call, a route handler or server action is
// built by its guard (lib/session/guard.ts, lib/api/handler.ts, and the lab's). The unit test
// fails naming any entry point without a declaration, the README's protection table is made
// from the declarations (`npm run routes:table`), and e2e/account-access.spec.ts visits every
// protected page signed out.
import path from "node:path";
import ts from "typescript";
import { parseFile, PROJECT_ROOT, resolveImport, sourceFiles } from "./source-tree";

type Kind = "page" | "action" | "route";

/** What an entry point declares, as the README's table shows it. */
export type Protection = {
  /** The guard that declares it: requireSession, protectedAction, apiRoute, publicPage, … */
  guard: string;
  /** The tier, "the page's" for a route that takes it from `?tier=`, null when none applies. */
  tier: string | null;
  /** Needs a password entered in the last few minutes (step-up). */
  stepUp: boolean;
  /** Who may call it beyond the tier: "signed in", "admin", "public", "lab key", … */
  access: string;
};

export type EntryPoint = {
  /** The file, relative to the project root. */
  file: string;
  /** The URL path of the route (a server action: of the folder its file is in). */
  path: string;
  /** "page", "layout", "not-found", an HTTP method, or "action <name>". */
  entry: string;
  kind: Kind;
  /** What it declares, or why it declares nothing the inventory can read. */
  protection: Protection | { problem: string };
};

type Literals = Record<string, string | boolean | undefined>;

type Guard = {
  /** The module that exports it. */
  file: string;
  kind: Kind;
  describe: (call: ts.CallExpression) => Omit<Protection, "guard">;
};

const SESSION_GUARD = "lib/session/guard.ts";
const API_GUARD = "lib/api/handler.ts";
// LAB ONLY
const LAB_GUARD = "lib/lab/guard.ts";
// END LAB ONLY

const PUBLIC = { tier: null, stepUp: false, access: "public" };

/** Every declaration, by the name its module exports it under. */
const GUARDS: Record<string, Guard> = {
  requireSession: {
    file: SESSION_GUARD,
    kind: "page",
    describe: (call) => {
      const access = call.arguments[1] ? literalsOf(call.arguments[1]) : {};
      return { tier: stringArgument(call, 0), stepUp: false, access: signedIn("signed in", access) };
    },
  },
  publicPage: { file: SESSION_GUARD, kind: "page", describe: () => PUBLIC },
  // LAB ONLY
  hasLabKey: {
    file: LAB_GUARD,
    kind: "page",
    describe: () => ({ tier: null, stepUp: false, access: "lab mode (without the key: its prompt)" }),
  },
  // END LAB ONLY
  protectedAction: {
    file: SESSION_GUARD,
    kind: "action",
    describe: (call) => {
      const declared = literalsOf(call.arguments[0]);
      return { tier: tierOf(declared), stepUp: declared.fresh === true, access: signedIn("signed in", declared) };
    },
  },
  // LAB ONLY
  labAction: { file: LAB_GUARD, kind: "action", describe: () => ({ tier: null, stepUp: false, access: "lab key" }) },
  // END LAB ONLY
  sessionRoute: {
    file: SESSION_GUARD,
    kind: "route",
    describe: (call) => {
      const declared = literalsOf(call.arguments[0]);
      const tier = declared.tier === "requested" ? "the page's (`?tier=`)" : tierOf(declared);
      return { tier, stepUp: false, access: activity("signed in", declared) };
    },
  },
  publicRoute: { file: SESSION_GUARD, kind: "route", describe: () => PUBLIC },
  apiRoute: {
    file: API_GUARD,
    kind: "route",
    describe: (call) => {
      const declared = literalsOf(call.arguments[0]);
      return { tier: tierOf(declared), stepUp: declared.fresh === true, access: activity("bearer token", declared) };
    },
  },
  publicApiRoute: { file: API_GUARD, kind: "route", describe: () => PUBLIC },
  // LAB ONLY
  labRoute: { file: LAB_GUARD, kind: "route", describe: () => ({ tier: null, stepUp: false, access: "lab key" }) },
  labPublicRoute: {
    file: LAB_GUARD,
    kind: "route",
    describe: () => ({ tier: null, stepUp: false, access: "lab mode" }),
  },
  // END LAB ONLY
};

/** A declaration the inventory cannot read: the message says what to write instead. */
class Unreadable extends Error {}

const PROTECTION_KEYS = new Set(["tier", "fresh", "role", "elevated", "activity"]);

/** The protection keys of an object literal; anything else in it (handlers) is not read. */
function literalsOf(node: ts.Expression | undefined): Literals {
  if (!node || !ts.isObjectLiteralExpression(node))
    throw new Unreadable("declare the protection as an object literal in the call, so reading it tells who may call");
  const literals: Literals = {};
  for (const property of node.properties) {
    if (!ts.isPropertyAssignment(property) || !ts.isIdentifier(property.name)) continue;
    const key = property.name.text;
    if (!PROTECTION_KEYS.has(key)) continue;
    const value = property.initializer;
    if (ts.isStringLiteral(value)) literals[key] = value.text;
    else if (value.kind === ts.SyntaxKind.TrueKeyword) literals[key] = true;
    else if (value.kind === ts.SyntaxKind.FalseKeyword) literals[key] = false;
    else throw new Unreadable(`write \`${key}\` as a literal, so reading the call tells who may call`);
  }
  return literals;
}

function stringArgument(call: ts.CallExpression, index: number): string {
  const argument = call.arguments[index];
  if (argument && ts.isStringLiteral(argument)) return argument.text;
  throw new Unreadable("name the tier as a string literal, so reading the call tells who may call");
}

function tierOf(declared: Literals): string {
  if (typeof declared.tier === "string") return declared.tier;
  throw new Unreadable("declare `tier` as a string literal");
}

function signedIn(base: string, declared: Literals): string {
  if (declared.role === "admin") return declared.elevated === true ? "admin, in the admin panel" : "admin";
  return base;
}

function activity(base: string, declared: Literals): string {
  return declared.activity === false ? `${base}; not counted as activity` : base;
}

const HTTP_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
const PAGE_FILES: Record<string, string> = { page: "page", layout: "layout", "not-found": "not-found" };

/** Every entry point of the app, with what it declares. */
export function readInventory(root: string = PROJECT_ROOT): EntryPoint[] {
  const entries: EntryPoint[] = [];
  for (const file of sourceFiles("app", root)) {
    const source = parseFile(file, root);
    const base = path.basename(file).replace(/\.tsx?$/, "");
    const pageEntry = PAGE_FILES[base];
    if (pageEntry) entries.push(...pageEntries(source, file, pageEntry, root));
    else if (base === "route") entries.push(...routeEntries(source, file, root));
  }
  for (const file of ["app", "lib", "components"].flatMap((folder) => sourceFiles(folder, root))) {
    const source = parseFile(file, root);
    if (hasDirective(source.statements, "use server")) entries.push(...actionEntries(source, file, root));
    else entries.push(...inlineActions(source, file));
  }
  return entries.sort((a, b) => a.path.localeCompare(b.path) || a.entry.localeCompare(b.entry));
}

/** The pages a signed-out visit is sent to sign in from: every page behind requireSession ("/accounts/[id]", …). */
export function protectedPagePaths(root: string = PROJECT_ROOT): string[] {
  return readInventory(root)
    .filter((e) => e.entry === "page" && "guard" in e.protection && e.protection.guard === "requireSession")
    .map((e) => e.path);
}

/** The URL path of a file's folder: route groups like (bank) add nothing to it. */
function routePath(file: string): string {
  const segments = path.dirname(file).split(path.sep).slice(1);
  return "/" + segments.filter((segment) => !/^\(.*\)$/.test(segment)).join("/");
}

/** "layout of (bank)": which of the layouts at one path. */
function groupOf(file: string): string {
  const group = path.dirname(file).split(path.sep).at(-1) ?? "";
  return /^\(.*\)$/.test(group) ? ` of ${group}` : "";
}

function entry(file: string, entryName: string, kind: Kind, read: () => Protection): EntryPoint {
  const at = { file, path: routePath(file), entry: entryName, kind };
  try {
    return { ...at, protection: read() };
  } catch (error) {
    if (!(error instanceof Unreadable)) throw error;
    return { ...at, protection: { problem: error.message } };
  }
}

function pageEntries(source: ts.SourceFile, file: string, page: string, root: string): EntryPoint[] {
  const name = page === "layout" ? `layout${groupOf(file)}` : page;
  if (hasDirective(source.statements, "use client")) {
    const problem =
      "a client component cannot check the session: make it a server component that starts with its guard";
    return [{ file, path: routePath(file), entry: name, kind: "page", protection: { problem } }];
  }
  const component = exportsOf(source).get("default");
  return [
    entry(file, name, "page", () => {
      const body = component && functionBody(source, component);
      if (!body) throw new Unreadable("export the component as a function whose first line is its guard");
      return firstStatementGuard(source, file, body, root);
    }),
  ];
}

function routeEntries(source: ts.SourceFile, file: string, root: string): EntryPoint[] {
  return [...exportsOf(source)]
    .filter(([name]) => HTTP_METHODS.has(name))
    .map(([method, value]) => entry(file, method, "route", () => builtByGuard(source, file, value, "route", root)));
}

function actionEntries(source: ts.SourceFile, file: string, root: string): EntryPoint[] {
  return [...exportsOf(source)].map(([name, value]) =>
    entry(file, `action ${name}`, "action", () => builtByGuard(source, file, value, "action", root)),
  );
}

/** A "use server" function body outside a "use server" file: an action nothing here can check. */
function inlineActions(source: ts.SourceFile, file: string): EntryPoint[] {
  const found: EntryPoint[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && "body" in node && node.body && ts.isBlock(node.body)) {
      if (hasDirective(node.body.statements, "use server")) {
        const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        const problem = `an inline server action (line ${line}): move it to a "use server" file and build it with protectedAction`;
        found.push({ file, path: routePath(file), entry: "inline action", kind: "action", protection: { problem } });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function hasDirective(statements: ts.NodeArray<ts.Statement>, directive: string): boolean {
  for (const statement of statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) return false;
    if (statement.expression.text === directive) return true;
  }
  return false;
}

/** Exported values by exported name: the expression or declaration behind each (types left out). */
function exportsOf(source: ts.SourceFile): Map<string, ts.Node> {
  const exported = new Map<string, ts.Node>();
  const isExported = (node: ts.Node) =>
    ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const isDefault = (node: ts.Node) =>
    ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
  for (const statement of source.statements) {
    if (ts.isVariableStatement(statement) && isExported(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name))
          exported.set(declaration.name.text, declaration.initializer ?? declaration);
      }
    } else if (ts.isFunctionDeclaration(statement) && isExported(statement)) {
      exported.set(isDefault(statement) ? "default" : (statement.name?.text ?? "default"), statement);
    } else if (ts.isExportAssignment(statement)) {
      exported.set("default", statement.expression);
    } else if (ts.isExportDeclaration(statement) && !statement.isTypeOnly && statement.exportClause) {
      if (!ts.isNamedExports(statement.exportClause)) continue;
      for (const specifier of statement.exportClause.elements) {
        if (specifier.isTypeOnly) continue;
        const local = (specifier.propertyName ?? specifier.name).text;
        exported.set(
          specifier.name.text,
          statement.moduleSpecifier ? statement : (localDeclaration(source, local) ?? specifier),
        );
      }
    }
  }
  return exported;
}

/** The value a local name is declared with: a const's initializer or a function declaration. */
function localDeclaration(source: ts.SourceFile, name: string): ts.Node | undefined {
  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name?.text === name) return statement;
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && declaration.name.text === name) return declaration.initializer;
      }
    }
  }
  return undefined;
}

function functionBody(source: ts.SourceFile, node: ts.Node): ts.Block | undefined {
  const target = ts.isIdentifier(node) ? localDeclaration(source, node.text) : node;
  if (!target) return undefined;
  if (
    (ts.isFunctionDeclaration(target) || ts.isFunctionExpression(target) || ts.isArrowFunction(target)) &&
    target.body
  )
    return ts.isBlock(target.body) ? target.body : undefined;
  return undefined;
}

/** A page: the guard is the call its first statement makes (`await`ed, assigned or not). */
function firstStatementGuard(source: ts.SourceFile, file: string, body: ts.Block, root: string): Protection {
  const first = body.statements[0];
  let expression: ts.Expression | undefined;
  if (first && ts.isExpressionStatement(first)) expression = first.expression;
  if (first && ts.isVariableStatement(first) && first.declarationList.declarations.length === 1)
    expression = first.declarationList.declarations[0]?.initializer;
  if (expression && ts.isAwaitExpression(expression)) expression = expression.expression;
  const guard = expression && ts.isCallExpression(expression) && guardCalled(source, file, expression, root);
  if (!guard || guard.kind !== "page" || !ts.isCallExpression(expression!))
    throw new Unreadable(`start with its guard: ${guardNames("page")}`);
  return { guard: guard.name, ...guard.describe(expression) };
}

/** A route handler or server action: the value exported is the guard's call. */
function builtByGuard(source: ts.SourceFile, file: string, value: ts.Node, kind: Kind, root: string): Protection {
  const resolved = ts.isIdentifier(value) ? localDeclaration(source, value.text) : value;
  const guard = resolved && ts.isCallExpression(resolved) && guardCalled(source, file, resolved, root);
  if (!guard || guard.kind !== kind || !ts.isCallExpression(resolved!))
    throw new Unreadable(`build it with its guard: ${guardNames(kind)}`);
  return { guard: guard.name, ...guard.describe(resolved) };
}

function guardNames(kind: Kind): string {
  return Object.entries(GUARDS)
    .filter(([, guard]) => guard.kind === kind)
    .map(([name]) => name)
    .join(", ");
}

/** The guard a call calls: its callee must be imported from the guard's own module under its own name. */
function guardCalled(
  source: ts.SourceFile,
  file: string,
  call: ts.CallExpression,
  root: string,
): (Guard & { name: string }) | null {
  if (!ts.isIdentifier(call.expression)) return null;
  const local = call.expression.text;
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings)) continue;
    for (const element of bindings.elements) {
      if (element.name.text !== local) continue;
      const name = (element.propertyName ?? element.name).text;
      const guard = Object.hasOwn(GUARDS, name) ? GUARDS[name] : undefined;
      const from = resolveImport(file, statement.moduleSpecifier.text, root);
      return guard && from === guard.file ? { ...guard, name } : null;
    }
  }
  return null;
}

/** One line per entry point that declares nothing the inventory can read: file, entry and what to do. */
export function undeclared(entries: EntryPoint[]): string[] {
  return entries.flatMap((e) => ("problem" in e.protection ? [`${e.file} ${e.entry}: ${e.protection.problem}`] : []));
}

export const TABLE_START = "<!-- protection-table:start (npm run routes:table writes it) -->";
export const TABLE_END = "<!-- protection-table:end -->";

/** The README's table: one row per entry point. */
export function protectionTable(entries: EntryPoint[]): string {
  const rows = entries.map((e) => {
    if ("problem" in e.protection) throw new Error(undeclared([e])[0]);
    const { tier, stepUp, access } = e.protection;
    return `| \`${e.path}\` | ${e.entry} | ${tier ?? ""} | ${stepUp ? "yes" : ""} | ${access} |`;
  });
  return ["| path | entry point | tier | step-up | who |", "|---|---|---|---|---|", ...rows].join("\n");
}

/** The README with `table` between its markers. */
export function withTable(readme: string, table: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${TABLE_START} … ${TABLE_END} markers`);
  return `${readme.slice(0, start + TABLE_START.length)}\n${table}\n${readme.slice(end)}`;
}
