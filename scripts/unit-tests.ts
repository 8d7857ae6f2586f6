// `npm run test:unit [-- files]`: every *.test.ts under lib, prisma and scripts (generated code
// aside), two files at a time. Node's runner takes as many as the machine has cores less one:
// one at a time on two cores, where most files spend their time waiting on a database or a
// subprocess. The lab-strip proof, by far the longest, starts first, and the rest run beside it.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";

const LONGEST_FIRST = ["scripts/strip-lab.test.ts"];

/** The unit test files, project-relative, longest first. */
function unitTestFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const child = path.posix.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== "generated") walk(child);
      else if (entry.isFile() && entry.name.endsWith(".test.ts")) found.push(child);
    }
  };
  for (const dir of ["lib", "prisma", "scripts"]) walk(dir);
  const rank = (file: string) => (LONGEST_FIRST.includes(file) ? 0 : 1);
  return found.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

const chosen = process.argv.slice(2);
const run = spawnSync(
  process.execPath,
  [
    "--conditions=react-server",
    "--import",
    "tsx",
    "--test",
    "--test-concurrency=2",
    ...(chosen.length > 0 ? chosen : unitTestFiles(process.cwd())),
  ],
  { stdio: "inherit" },
);
process.exit(run.status ?? 1);
