// Start-up checks (Node runtime only): a production server without its secret, or with lab
// flaws switched on without LAB_ALLOW=1, refuses to start and says why, loudly.
import "server-only";
import { startupProblems } from "./env";
import { activeFlaws } from "./lab/flaws";

export function checkStartup(): void {
  let problems: string[];
  try {
    problems = startupProblems(process.env);
  } catch (error) {
    problems = [(error as Error).message];
  }
  if (problems.length > 0) {
    for (const problem of problems) console.error(`\n[vaultline] ${problem}\n`);
    process.exit(1);
  }
  const flaws = activeFlaws();
  if (flaws.length > 0) {
    console.warn(`\n[vaultline] !!! LAB MODE: defenses switched off: ${flaws.join(", ")} — never expose this server !!!\n`);
  }
}
