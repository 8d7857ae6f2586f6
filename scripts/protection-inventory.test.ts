// A page that forgets its guard fails silently: it renders for anyone. This test reads every entry
// point of app/ (scripts/protection-inventory.ts) and fails, naming the file and the export, on one
// that does not start with its declaration, and while the README's protection table is not the one
// the declarations make.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { protectionTable, readInventory, undeclared, withTable } from "./protection-inventory";
import { PROJECT_ROOT } from "./source-tree";

describe("the app's entry points", () => {
  const entries = readInventory();

  it("each declares its protection where it starts (a guard, or public on purpose)", () => {
    assert.ok(entries.length >= 40, `only ${entries.length} entry points found`);
    const problems = undeclared(entries);
    assert.deepEqual(problems, [], `entry points without their declaration:\n  ${problems.join("\n  ")}`);
  });

  it("the README's protection table is the one the declarations make", () => {
    const readme = readFileSync(path.join(PROJECT_ROOT, "README.md"), "utf8");
    assert.ok(
      readme === withTable(readme, protectionTable(entries)),
      "README.md's protection table is out of date: run `npm run routes:table`",
    );
  });
});

describe("the inventory", () => {
  const root = mkdtempSync(path.join(tmpdir(), "vaultline-inventory-"));
  after(() => rmSync(root, { recursive: true, force: true }));
  const write = (file: string, text: string) => {
    mkdirSync(path.join(root, path.dirname(file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  for (const guard of ["lib/session/guard.ts", "lib/api/handler.ts", "app/fake/guard.ts"]) write(guard, "export {};\n");
  // LAB ONLY
  write("lib/lab/guard.ts", "export {};\n");
  // END LAB ONLY
  const SESSION = 'import { protectedAction, publicPage, requireSession } from "@/lib/session/guard";\n';
  write(
    "app/(group)/good/[id]/page.tsx",
    `${SESSION}export default async function P() {\n  const s = await requireSession("high", { role: "admin" });\n  return s;\n}\n`,
  );
  write("app/open/page.tsx", `${SESSION}export default function P() {\n  publicPage();\n  return null;\n}\n`);
  write("app/forgot/page.tsx", "export default async function P() {\n  return null;\n}\n");
  write(
    "app/late/page.tsx",
    `${SESSION}export default async function P() {\n  const x = 1;\n  await requireSession("low");\n  return x;\n}\n`,
  );
  write(
    "app/fake/page.tsx",
    'import { requireSession } from "./guard";\nexport default async function P() {\n  await requireSession("low");\n}\n',
  );
  write("app/client/page.tsx", '"use client";\nexport default function P() {\n  return null;\n}\n');
  write(
    "app/api/route.ts",
    'import { apiRoute } from "@/lib/api/handler";\nexport const POST = apiRoute({ tier: "high", fresh: true }, async () => new Response());\nexport async function GET() {\n  return new Response();\n}\nexport const dynamic = "force-dynamic";\n',
  );
  write(
    "app/things/actions.ts",
    `"use server";\n${SESSION}export type S = { ok: boolean };\nexport const fine = protectedAction({ tier: "low" }, async () => undefined);\nconst options = { tier: "low" } as const;\nexport const vague = protectedAction(options, async () => undefined);\nexport async function bare() {}\n`,
  );
  write(
    "components/inline.tsx",
    'export function Form() {\n  async function act() {\n    "use server";\n  }\n  return act;\n}\n',
  );
  const found = new Map(readInventory(root).map((e) => [`${e.file} ${e.entry}`, e]));

  it("reads each declaration: tier, step-up and who", () => {
    assert.deepEqual(found.get("app/(group)/good/[id]/page.tsx page")?.protection, {
      guard: "requireSession",
      tier: "high",
      stepUp: false,
      access: "admin",
    });
    assert.equal(found.get("app/(group)/good/[id]/page.tsx page")?.path, "/good/[id]");
    assert.deepEqual(found.get("app/open/page.tsx page")?.protection, {
      guard: "publicPage",
      tier: null,
      stepUp: false,
      access: "public",
    });
    assert.deepEqual(found.get("app/api/route.ts POST")?.protection, {
      guard: "apiRoute",
      tier: "high",
      stepUp: true,
      access: "bearer token",
    });
    assert.deepEqual(found.get("app/things/actions.ts action fine")?.protection, {
      guard: "protectedAction",
      tier: "low",
      stepUp: false,
      access: "signed in",
    });
  });

  it("names every entry point that does not start with its declaration", () => {
    const problems = [...found].filter(([, e]) => "problem" in e.protection).map(([name]) => name);
    assert.deepEqual(problems.sort(), [
      "app/api/route.ts GET",
      "app/client/page.tsx page",
      "app/fake/page.tsx page",
      "app/forgot/page.tsx page",
      "app/late/page.tsx page",
      "app/things/actions.ts action bare",
      "app/things/actions.ts action vague",
      "components/inline.tsx inline action",
    ]);
    assert.ok(!found.has("app/things/actions.ts action S"), "a type is no entry point");
    assert.ok(!found.has("app/api/route.ts dynamic"), "a route's config is no entry point");
  });
});
