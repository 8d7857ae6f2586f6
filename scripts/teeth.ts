// `npm run test:teeth`: proves each secure spec has teeth. For every flaw in the catalogue it
// starts the secure server with that one flaw on (MUTATE_FLAWS) and runs the spec that covers
// its defense: the spec must fail. Prints `caught <flaw>` or `MISSED <flaw>` per flaw and
// exits non-zero on any miss. Needs a production build (`npm run build`).
import { spawnSync } from "node:child_process";
import { FLAW_NAMES, FLAWS } from "../lib/lab/flaws";

const only = process.argv.slice(2);
const flaws = only.length > 0 ? FLAW_NAMES.filter((f) => only.includes(f)) : FLAW_NAMES;

let missed = 0;
for (const flaw of flaws) {
  const run = spawnSync(
    "node_modules/.bin/playwright",
    ["test", "--project=secure", "--reporter=dot", FLAWS[flaw].spec],
    { env: { ...process.env, MUTATE_FLAWS: flaw, E2E_SERVERS: "secure" }, encoding: "utf8" },
  );
  // Exit 1 is Playwright's "tests failed"; anything else (no tests, crash) proves nothing.
  const caught = run.status === 1 && /\d+ failed/.test(run.stdout);
  if (!caught) missed += 1;
  console.log(`${caught ? "caught" : "MISSED"} ${flaw}  (${FLAWS[flaw].spec})`);
}
console.log(`${flaws.length - missed} caught, ${missed} missed`);
process.exit(missed > 0 ? 1 : 0);
