// docs/threat-model.md is a contract with the code. Each table row names a defense (a file, then
// functions in it), the tests that prove it (a test file, then test titles in quotes) and the lab
// flaw that switches it off (a flaw, then its attack script). This test reads the tables and
// fails when any of those names stops being true, or when a weakness of the source documents or
// an ASVS requirement loses its row.
// LAB ONLY
// And when a lab flaw or attack script has no row.
// END LAB ONLY
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
// LAB ONLY
import { FLAW_NAMES, isFlawName } from "../lib/lab/flaw-names";
import { FLAWS } from "../lib/lab/flaws";
// END LAB ONLY

const ROOT = path.resolve(__dirname, "..");
const DOC = "docs/threat-model.md";

/** The section headings of the four tables. */
const TABLES = {
  sources: "Weaknesses named in the source documents",
  v7: "ASVS 5.0 V7 Session Management",
  v33: "ASVS 5.0 V3.3 Cookie Setup",
  related: "Related weaknesses the lab also shows",
} as const;

type SourceLabel = "M9" | "SM-Issues" | "Qwiet" | "Principles" | "Cookies";

/**
 * Every distinct weakness the five source documents name, and which of them name it. The doc
 * must have exactly these rows, each naming exactly these sources: a weakness cannot quietly
 * lose its row, nor a row its source.
 */
const SOURCE_FINDINGS: Record<string, { weakness: string; namedIn: SourceLabel[] }> = {
  S01: { weakness: "predictable or guessable session IDs", namedIn: ["M9", "Principles", "Qwiet", "Cookies"] },
  S02: { weakness: "an ID the server never issued is accepted", namedIn: ["Principles", "Qwiet"] },
  S03: { weakness: "session IDs stored readable on the server", namedIn: ["Principles"] },
  S04: { weakness: "the ID captured over plain HTTP", namedIn: ["M9", "Principles", "Qwiet", "Cookies"] },
  S05: { weakness: "the ID kept across a switch from HTTP to HTTPS", namedIn: ["Qwiet"] },
  S06: { weakness: "the ID in the URL", namedIn: ["Qwiet", "Cookies"] },
  S07: { weakness: "the ID in logs or error messages", namedIn: ["Qwiet"] },
  S08: { weakness: "one token for every form of access", namedIn: ["Cookies"] },
  S09: { weakness: "session fixation", namedIn: ["M9", "SM-Issues", "Qwiet", "Principles", "Cookies"] },
  S10: { weakness: "signed in through the attacker's form", namedIn: ["Qwiet"] },
  S11: { weakness: "switching user keeps the previous session", namedIn: ["M9"] },
  S12: { weakness: "no new ID at a privilege change or re-authentication", namedIn: ["M9", "Principles", "Qwiet"] },
  S13: { weakness: "a rotated-out ID accepted, its use unnoticed", namedIn: ["M9"] },
  S14: { weakness: "no periodic renewal of the ID", namedIn: ["Qwiet"] },
  S15: { weakness: "sensitive transactions without re-authentication", namedIn: ["Principles"] },
  S16: {
    weakness: "inadequate or client-side idle timeout",
    namedIn: ["M9", "SM-Issues", "Qwiet", "Principles", "Cookies"],
  },
  S17: { weakness: "no maximum session lifetime", namedIn: ["Principles", "Qwiet"] },
  S18: { weakness: "a persistent session cookie", namedIn: ["Qwiet", "Cookies"] },
  S19: { weakness: "sign-out not ending the session on the server", namedIn: ["M9", "SM-Issues", "Qwiet", "Cookies"] },
  S20: { weakness: "a refresh or API token outliving sign-out", namedIn: ["SM-Issues"] },
  S21: { weakness: "signed-in pages readable after sign-out", namedIn: ["Qwiet"] },
  S22: { weakness: "logout missing from protected pages", namedIn: ["Qwiet"] },
  S23: { weakness: "sessions surviving a password change", namedIn: ["SM-Issues"] },
  S24: { weakness: "no administrator-forced logout", namedIn: ["Qwiet"] },
  S25: { weakness: "concurrent sessions", namedIn: ["SM-Issues"] },
  S26: { weakness: "no consistency check of user information", namedIn: ["Cookies"] },
  S27: { weakness: "a session cookie script can read", namedIn: ["Qwiet", "Cookies"] },
  S28: { weakness: "cross-site scripting", namedIn: ["Qwiet"] },
  S29: { weakness: "cookie scope too broad", namedIn: ["Qwiet", "Cookies"] },
  S30: { weakness: "sensitive operations protected by the session alone", namedIn: ["Qwiet"] },
};

/** ASVS 5.0 (v5.0.0 release): chapter V7 and section V3.3, every requirement. */
const ASVS_V7 = [
  "7.1.1",
  "7.1.2",
  "7.1.3",
  "7.2.1",
  "7.2.2",
  "7.2.3",
  "7.2.4",
  "7.3.1",
  "7.3.2",
  "7.4.1",
  "7.4.2",
  "7.4.3",
  "7.4.4",
  "7.4.5",
  "7.5.1",
  "7.5.2",
  "7.5.3",
  "7.6.1",
  "7.6.2",
].map((id) => `V${id}`);
const ASVS_V33 = ["3.3.1", "3.3.2", "3.3.3", "3.3.4", "3.3.5"].map((id) => `V${id}`);

type Row = { table: keyof typeof TABLES; id: string; cells: Record<string, string> };

const doc = readFileSync(path.join(ROOT, DOC), "utf8");
const rows = parseTables(doc);

describe("docs/threat-model.md", () => {
  it("has its four tables", () => {
    for (const table of Object.keys(TABLES) as (keyof typeof TABLES)[]) {
      assert.ok(
        rows.some((row) => row.table === table),
        `no rows under "## ${TABLES[table]}"`,
      );
    }
  });

  it("names only files that exist", () => {
    const missing = codeSpans(doc).filter((span) => isPath(span) && !existsSync(path.join(ROOT, span)));
    assert.deepEqual(missing, [], "paths in the doc that are not in the repository");
  });

  it("names only functions declared in the file named before them", () => {
    for (const row of rows) {
      const cell = row.cells["Defense"]!;
      let file: string | undefined;
      for (const span of codeSpans(cell)) {
        if (isPath(span)) file = span;
        else if (isIdentifier(span)) {
          assert.ok(file, `${row.id}: \`${span}\` comes before any file`);
          assert.ok(declares(read(file), span), `${row.id}: ${file} declares no \`${span}\``);
        }
      }
    }
  });

  it("gives every defended row a file and a function, and every other row a reason", () => {
    for (const row of rows) {
      const cell = row.cells["Defense"]!;
      if (isUndefended(row)) continue;
      assert.ok(
        codeSpans(cell).some(isPath),
        `${row.id}: the defense names no file (or say "Not covered" / "Not applicable")`,
      );
      assert.ok(codeSpans(cell).some(isIdentifier), `${row.id}: the defense names no function`);
      assert.ok(codeSpans(row.cells["Proved by"]!).some(isPath), `${row.id}: a defense with no test that proves it`);
    }
  });

  it("cites tests by real test files and real test titles", () => {
    for (const row of rows) {
      let file: string | undefined;
      for (const [, span, title] of row.cells["Proved by"]!.matchAll(/`([^`]+)`|"([^"]+)"/g)) {
        if (span !== undefined) {
          assert.ok(isPath(span), `${row.id}: \`${span}\` in "Proved by" is not a path`);
          assert.match(span, /\.(spec|test)\.ts$/, `${row.id}: ${span} is not a test file`);
          file = span;
        } else {
          assert.ok(file, `${row.id}: the title "${title}" comes before any test file`);
          assert.ok(hasTestTitled(read(file), title!), `${row.id}: ${file} has no test titled "${title}"`);
        }
      }
    }
  });

  // LAB ONLY
  it("names only catalogued flaws, each with one of its attack scripts", () => {
    for (const row of rows) {
      const cell = row.cells["Lab flaw and attack"]!;
      const spans = codeSpans(cell);
      const attacks = spans.filter(isPath);
      for (const attack of attacks)
        assert.match(attack, /^e2e\/attacks\/.+\.spec\.ts$/, `${row.id}: ${attack} is not an attack script`);
      const flaws = spans.filter((span) => !isPath(span));
      for (const flaw of flaws) {
        assert.ok(isFlawName(flaw), `${row.id}: \`${flaw}\` is not in the lab-flaw catalogue (lib/lab/flaws.ts)`);
        assert.ok(
          FLAWS[flaw].attacks.some((attack) => attacks.includes(attack)),
          `${row.id}: \`${flaw}\` without one of its attack scripts (${FLAWS[flaw].attacks.join(", ")})`,
        );
      }
      if (flaws.length === 0) {
        const reasoned = /^no flaw: \S.{10,}/.test(cell) || (cell === "—" && isUndefended(row));
        assert.ok(reasoned, `${row.id}: no flaw named, and no "no flaw: <why>"`);
      }
    }
  });

  it("gives every flaw in the catalogue a row, and cites every attack script", () => {
    const cited = new Set(rows.flatMap((row) => codeSpans(row.cells["Lab flaw and attack"]!)));
    assert.deepEqual(
      FLAW_NAMES.filter((flaw) => !cited.has(flaw)),
      [],
      "flaws with no row",
    );
    const scripts = readdirSync(path.join(ROOT, "e2e/attacks")).filter((name) => name.endsWith(".spec.ts"));
    assert.deepEqual(
      scripts.map((name) => `e2e/attacks/${name}`).filter((script) => !cited.has(script)),
      [],
      "attack scripts with no row",
    );
  });
  // END LAB ONLY

  it("has one row per weakness of the source documents, naming the sources that name it", () => {
    const sourceRows = rows.filter((row) => row.table === "sources");
    assert.deepEqual(
      sourceRows.map((row) => row.id),
      Object.keys(SOURCE_FINDINGS),
      "the source table's rows, in order",
    );
    for (const row of sourceRows) {
      const named = new Set(row.cells["Named in"]!.match(/\b(M9|SM-Issues|Qwiet|Principles|Cookies)\b/g));
      assert.deepEqual(
        [...named].sort(),
        [...SOURCE_FINDINGS[row.id]!.namedIn].sort(),
        `${row.id} (${SOURCE_FINDINGS[row.id]!.weakness}): sources`,
      );
    }
  });

  it("has one row per requirement of ASVS 5.0 V7 and V3.3", () => {
    assert.deepEqual(
      rows.filter((row) => row.table === "v7").map((row) => row.id),
      ASVS_V7,
      "the V7 table's rows, in order",
    );
    assert.deepEqual(
      rows.filter((row) => row.table === "v33").map((row) => row.id),
      ASVS_V33,
      "the V3.3 table's rows, in order",
    );
  });
});

/** The rows of every table, keyed by the `## ` heading above it and its header's column names. */
function parseTables(markdown: string): Row[] {
  const lines = markdown.split("\n");
  const parsed: Row[] = [];
  let heading = "";
  let header: string[] | null = null;
  for (const [i, line] of lines.entries()) {
    if (line.startsWith("## ")) heading = line.slice(3).trim();
    if (!line.startsWith("|")) {
      header = null;
      continue;
    }
    const cells = splitRow(line);
    if (header === null) {
      if (/^\|[-| ]+\|$/.test(lines[i + 1] ?? "")) header = cells;
      continue;
    }
    if (/^[-\s]+$/.test(cells.join(""))) continue;
    const table = (Object.keys(TABLES) as (keyof typeof TABLES)[]).find((key) => TABLES[key] === heading);
    assert.ok(table, `a table under an unknown heading: "${heading}"`);
    assert.equal(cells.length, header.length, `a row of "${heading}" with ${cells.length} cells: ${line.slice(0, 60)}`);
    parsed.push({ table, id: cells[0]!, cells: Object.fromEntries(header.map((name, c) => [name, cells[c]!])) });
  }
  return parsed;
}

function splitRow(line: string): string[] {
  return line
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split("|")
    .map((cell) => cell.trim());
}

function codeSpans(text: string): string[] {
  return [...text.matchAll(/`([^`]+)`/g)].map((match) => match[1]!);
}

/** A repository path: segments joined by slashes (a trailing one for a folder), or a file name. */
function isPath(span: string): boolean {
  return /^[\w.@()[\]-]+(\/[\w.@()[\]-]*)+$/.test(span) || /^[\w.-]+\.(ts|tsx|mjs|md)$/.test(span);
}

function isIdentifier(span: string): boolean {
  return /^[A-Za-z_$][\w$]*$/.test(span);
}

/** "Not covered" and "Not applicable" rows need no defense, test or flaw, only their reason. */
function isUndefended(row: Row): boolean {
  return /^Not (covered|applicable)\b/.test(row.cells["Defense"]!);
}

function read(file: string): string {
  assert.ok(existsSync(path.join(ROOT, file)), `${file} does not exist`);
  return readFileSync(path.join(ROOT, file), "utf8");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A declaration of `name`: a function, a const/let/class, or a name in an export list. */
function declares(source: string, name: string): boolean {
  const n = escapeRegExp(name);
  return new RegExp(
    `\\bfunction\\*?\\s+${n}\\b|\\b(?:const|let|var|class)\\s+${n}\\b|\\bexport\\s*\\{[^}]*\\b${n}\\b`,
  ).test(source);
}

/** A Playwright or node:test call with exactly this title. */
function hasTestTitled(source: string, title: string): boolean {
  return new RegExp(`\\b(?:test|it)(?:\\.\\w+)?\\(\\s*(["'\`])${escapeRegExp(title)}\\1`).test(source);
}
