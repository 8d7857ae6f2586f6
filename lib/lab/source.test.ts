import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { FLAW_NAMES, isFlawName } from "./flaw-names";
import { flawSources } from "./source";

const PROJECT_ROOT = path.resolve(__dirname, "../..");

test("every flaw has a marked line in the sources, and every marker names a flaw", async () => {
  const sources = await flawSources(PROJECT_ROOT);
  for (const name of FLAW_NAMES)
    assert.ok(sources.get(name)?.length, `no "// LAB FLAW ${name}" marker in lib/, app/, components/ or proxy.ts`);
  for (const name of sources.keys())
    assert.ok(isFlawName(name), `a marker names "${name}", which lib/lab/flaw-names.ts does not know`);
});

test("an excerpt shows the marker with its file, line number and the lines around it", async () => {
  const [first] = (await flawSources(PROJECT_ROOT)).get("readable-cookie") ?? [];
  assert.ok(first);
  assert.equal(first.file, path.join("lib", "session", "cookies.ts"));
  const marker = first.lines.find((line) => line.marker);
  assert.equal(marker?.number, first.line);
  assert.match(marker?.text ?? "", /LAB FLAW readable-cookie/);
  assert.ok(
    first.lines.some((line) => line.text.includes('flawOn("readable-cookie")')),
    "the branch itself is shown",
  );
  assert.ok(first.lines.length >= 8);
});
