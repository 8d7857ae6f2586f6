// Every lab flaw is one branch on `flawOn("<name>")` at its defense's line. Stripped, flawOn is
// false: each call is folded into the code around it, one rewrite at a time (each on a fresh
// parse), until none is left. Only shapes whose folding is exact are accepted; any other site
// is a StripError naming its line, and the fix is to reshape the source, not this file.
import ts from "typescript";
import { StripError } from "./regions";

type Edit = { start: number; end: number; text: string };

/** `text` with every flawOn branch folded away, and the `// LAB FLAW` comments above them. */
export function stripFlawBranches(text: string, file: string): { text: string; sites: number } {
  let sites = 0;
  for (;;) {
    const source = parse(text, file);
    const call = firstFlawOnCall(source, file);
    if (!call) break;
    const edit = fold(call, false, source, file);
    text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
    sites++;
  }
  return { text: sites > 0 ? removeFlawComments(text) : text, sites };
}

export function parse(text: string, file: string): ts.SourceFile {
  const kind = file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
}

export function lineOf(node: ts.Node, source: ts.SourceFile): number {
  return source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
}

// The first call in source order; an import of flawOn is left to the import pruning.
function firstFlawOnCall(source: ts.SourceFile, file: string): ts.CallExpression | null {
  let found: ts.CallExpression | null = null;
  const visit = (node: ts.Node): void => {
    if (found || ts.isImportDeclaration(node)) return;
    if (ts.isIdentifier(node) && node.text === "flawOn") {
      const call = node.parent;
      if (!ts.isCallExpression(call) || call.expression !== node || !ts.isStringLiteral(call.arguments[0]!)) {
        throw new StripError(`${file}:${lineOf(node, source)}: flawOn used other than as flawOn("<name>", …)`);
      }
      found = call;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** One rewrite: `node` is known to evaluate to `value`, with no side effect of its own. */
function fold(node: ts.Expression, value: boolean, source: ts.SourceFile, file: string): Edit {
  const parent = node.parent;
  const fail = (why: string) => new StripError(`${file}:${lineOf(node, source)}: cannot strip ${why}`);
  if (ts.isParenthesizedExpression(parent)) return fold(parent, value, source, file);
  if (ts.isPrefixUnaryExpression(parent) && parent.operator === ts.SyntaxKind.ExclamationToken) {
    return fold(parent, !value, source, file);
  }
  if (ts.isBinaryExpression(parent)) return foldLogical(parent, node, value, source, file, fail);
  if (ts.isConditionalExpression(parent) && parent.condition === node) {
    return replace(parent, asExpression(value ? parent.whenTrue : parent.whenFalse, source), source);
  }
  if (ts.isIfStatement(parent) && parent.expression === node) return foldIf(parent, value, source);
  // `httpOnly: !flawOn(…)` is the one place a constant reads well.
  if (ts.isPropertyAssignment(parent) && parent.initializer === node) return replace(node, String(value), source);
  throw fail(`flawOn here (${ts.SyntaxKind[parent.kind]}): make it an if, a ternary or an && / || condition`);
}

function foldLogical(
  parent: ts.BinaryExpression,
  node: ts.Expression,
  value: boolean,
  source: ts.SourceFile,
  file: string,
  fail: (why: string) => StripError,
): Edit {
  const op = parent.operatorToken.kind;
  if (op !== ts.SyntaxKind.AmpersandAmpersandToken && op !== ts.SyntaxKind.BarBarToken) {
    throw fail(`flawOn as an operand of ${parent.operatorToken.getText(source)}`);
  }
  const and = op === ts.SyntaxKind.AmpersandAmpersandToken;
  if (parent.left === node) {
    // false && x is false, true || x is true: x never runs. true && x and false || x are x.
    if (value !== and) return fold(parent, value, source, file);
    return replace(parent, asExpression(parent.right, source), source);
  }
  // x && true, x || false: x, but only where just its truth counts (x runs either way).
  if (value === and && inConditionContext(parent)) return replace(parent, asExpression(parent.left, source), source);
  throw fail(`"x ${and ? "&&" : "||"} flawOn(…)" here: put flawOn first, or use it in a condition`);
}

/** True when only the truth of `node` matters: an if's or a ternary's condition, or under `!`. */
function inConditionContext(node: ts.Expression): boolean {
  const parent = node.parent;
  if (ts.isParenthesizedExpression(parent)) return inConditionContext(parent);
  if (ts.isPrefixUnaryExpression(parent) && parent.operator === ts.SyntaxKind.ExclamationToken) return true;
  if (ts.isIfStatement(parent) || ts.isWhileStatement(parent)) return parent.expression === node;
  if (ts.isConditionalExpression(parent)) return parent.condition === node;
  if (ts.isBinaryExpression(parent)) {
    const op = parent.operatorToken.kind;
    return (
      (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken) && inConditionContext(parent)
    );
  }
  return false;
}

// The branch that runs stays (a block's statements unwrapped when the if stands in a list of
// statements); an if whose branch never runs goes, with the comments above it.
function foldIf(statement: ts.IfStatement, value: boolean, source: ts.SourceFile): Edit {
  const kept = value ? statement.thenStatement : statement.elseStatement;
  const inList =
    ts.isBlock(statement.parent) || ts.isSourceFile(statement.parent) || ts.isModuleBlock(statement.parent);
  if (!kept) {
    if (inList) return { start: statement.getFullStart(), end: statement.getEnd(), text: "" };
    return replace(statement, "{}", source);
  }
  if (ts.isBlock(kept) && inList) {
    const inner = source.text.slice(kept.getStart(source) + 1, kept.getEnd() - 1);
    return replace(statement, inner.trim(), source);
  }
  return replace(statement, kept.getText(source), source);
}

function replace(node: ts.Node, text: string, source: ts.SourceFile): Edit {
  return { start: node.getStart(source), end: node.getEnd(), text };
}

// An expression moved into its parent's place keeps its meaning inside parentheses; prettier
// drops the ones that are not needed.
function asExpression(node: ts.Expression, source: ts.SourceFile): string {
  const text = node.getText(source);
  const primary =
    ts.isIdentifier(node) ||
    ts.isLiteralExpression(node) ||
    ts.isParenthesizedExpression(node) ||
    ts.isCallExpression(node) ||
    ts.isPropertyAccessExpression(node) ||
    ts.isElementAccessExpression(node) ||
    ts.isObjectLiteralExpression(node) ||
    ts.isArrayLiteralExpression(node);
  return primary ? text : `(${text})`;
}

// `// LAB FLAW <name>: …` and the comment lines right under it (its continuation) explain a
// branch that is gone.
function removeFlawComments(text: string): string {
  const kept: string[] = [];
  let inFlawComment = false;
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    if (trimmed.startsWith("// LAB FLAW ")) inFlawComment = true;
    else if (!trimmed.startsWith("//")) inFlawComment = false;
    if (!inFlawComment) kept.push(line);
  }
  return kept.join("\n");
}
