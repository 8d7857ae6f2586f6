// `npm run routes:table`: writes the README's protection table, one row per entry point with the
// protection it declares (scripts/protection-inventory.ts reads them). The unit test of the
// inventory fails while the README's table is not the one this writes.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ExpectedError, runMain } from "./prisma-cli";
import { protectionTable, readInventory, undeclared, withTable } from "./protection-inventory";
import { PROJECT_ROOT } from "./source-tree";

const README = path.join(PROJECT_ROOT, "README.md");

runMain(async () => {
  const entries = readInventory();
  const problems = undeclared(entries);
  if (problems.length > 0)
    throw new ExpectedError(`Entry points without a declaration the inventory can read:\n  ${problems.join("\n  ")}`);
  const readme = readFileSync(README, "utf8");
  const updated = withTable(readme, protectionTable(entries));
  if (updated === readme) return console.log("README.md: the protection table is up to date.");
  writeFileSync(README, updated);
  console.log(`README.md: the protection table rewritten (${entries.length} entry points).`);
});
