// `npm run lab:strip` proved on a copy of this tree: the files git knows of, in a temporary
// folder of their own with this clone's node_modules linked in, committed to a fresh repository
// (the command refuses a dirty tree). The copy is stripped, then must name nothing of the lab,
// type-check, lint, and pass its own unit tests, with the Prisma clients generated from its
// stripped schemas. The copy goes afterwards, whatever happened. About three minutes on two
// cores: tsc, ESLint and the copy's unit tests run side by side.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { appendFileSync, cpSync, lstatSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { PROJECT_ROOT } from "./source-tree";

const GIT_IDENTITY = ["-c", "user.name=strip test", "-c", "user.email=strip@vaultline.test"];

/** A copy of the tree in a repository of its own, everything committed. */
function copyTree(): string {
  const copy = mkdtempSync(path.join(tmpdir(), "vaultline-strip-"));
  const listed = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: PROJECT_ROOT,
  });
  for (const file of new Set(listed.toString("utf8").split("\0").filter(Boolean))) {
    const from = path.join(PROJECT_ROOT, file);
    if (!lstatSync(from, { throwIfNoEntry: false })?.isFile()) continue; // deleted, not yet committed
    mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
    cpSync(from, path.join(copy, file));
  }
  symlinkSync(path.join(PROJECT_ROOT, "node_modules"), path.join(copy, "node_modules"), "dir");
  git(copy, "init", "--quiet");
  // .gitignore's `node_modules/` matches a folder, not this link to one.
  appendFileSync(path.join(copy, ".git", "info", "exclude"), "/node_modules\n");
  git(copy, "add", "--all");
  git(copy, ...GIT_IDENTITY, "commit", "--quiet", "--no-verify", "--message", "before the strip");
  return copy;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8" });
}

/** Runs a command in the copy; resolves with its exit status and everything it printed. */
function run(cwd: string, command: string, args: string[]): Promise<{ status: number; output: string }> {
  return new Promise((resolve, reject) => {
    // Not a subprocess of this test run: node --test would otherwise report to it and skip its files.
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: "" };
    delete env.NODE_TEST_CONTEXT;
    const child = spawn(command, args, { cwd, env });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status: status ?? 1, output }));
  });
}

const node = process.execPath;
const bin = (copy: string, ...parts: string[]) => path.join(copy, "node_modules", ...parts);

describe("npm run lab:strip, on a copy of the tree", () => {
  let copy = "";
  let strip = { status: 1, output: "" };
  let dirty = { status: 0, output: "" };
  before(async () => {
    copy = copyTree();
    const stripLab = () => run(copy, node, [bin(copy, "tsx", "dist", "cli.mjs"), "scripts/strip-lab.ts"]);
    writeFileSync(path.join(copy, "uncommitted.txt"), "work in progress\n");
    dirty = await stripLab();
    rmSync(path.join(copy, "uncommitted.txt"));
    strip = await stripLab();
  });
  after(() => {
    if (copy) rmSync(copy, { recursive: true, force: true });
  });

  it("refuses a tree with uncommitted changes, and changes nothing", () => {
    assert.equal(dirty.status, 1, dirty.output);
    assert.match(dirty.output, /commit or stash first \(or pass --force\)/);
  });

  it("strips the lab and says what it did", () => {
    assert.equal(strip.status, 0, strip.output);
    assert.match(strip.output, /Folded \d+ flawOn branches/);
    assert.match(strip.output, /remove_lab/);
  });

  it("leaves nothing that names the lab (the migrations, history, aside)", () => {
    const leftovers = run(copy, "git", [
      "grep",
      "-nE",
      "flawOn|lib/lab|(^|[^A-Za-z])LAB_[A-Z]|LabFlaw|LAB ONLY|LAB FLAW",
      "--",
      ".",
      ":!prisma/*/migrations/**",
    ]);
    return leftovers.then(({ status, output }) => assert.equal(status, 1, `left over:\n${output}`));
  });

  it("goes with the lab, its changes left uncommitted for review", () => {
    assert.equal(lstatSync(path.join(copy, "scripts", "strip-lab.ts"), { throwIfNoEntry: false }), undefined);
    assert.match(git(copy, "status", "--porcelain"), /^ D lib\/lab\/flaws\.ts$/m);
  });

  it("type-checks, lints and passes its own unit tests, on Prisma clients made from its schemas", async () => {
    assert.equal(strip.status, 0, "the strip failed");
    const prisma = bin(copy, "prisma", "build", "index.js");
    for (const kind of ["sqlite", "postgres"]) {
      const generate = await run(copy, node, [prisma, "generate", "--schema", `prisma/${kind}/schema.prisma`]);
      assert.equal(generate.status, 0, generate.output);
    }
    const [tsc, lint, unit] = await Promise.all([
      run(copy, node, [bin(copy, "typescript", "bin", "tsc"), "--noEmit", "-p", "tsconfig.json"]),
      // What stripping leaves unused (a helper only a flaw called) is ESLint's to find.
      run(copy, node, [bin(copy, "eslint", "bin", "eslint.js"), "."]),
      // As `npm run test:unit` runs them there.
      run(copy, node, ["--import", "tsx", "scripts/unit-tests.ts"]),
    ]);
    assert.equal(tsc.status, 0, `tsc in the stripped tree:\n${tsc.output}`);
    assert.equal(lint.status, 0, `eslint in the stripped tree:\n${lint.output}`);
    assert.equal(unit.status, 0, `unit tests in the stripped tree:\n${unit.output.slice(-6000)}`);
    assert.match(unit.output, /^# fail 0$/m);
  });
});
