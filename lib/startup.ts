// Start-up checks (Node runtime only): every environment variable parsed (lib/env.ts), and a
// production server with an unsafe setting, or lab flaws without LAB_ALLOW=1, refuses to start
// and says why, loudly; a lab says so.
import "server-only";
import { startupProblems } from "./env";
import { activeFlaws, labMode } from "./lab/flaws";

export function checkStartup(): void {
  const problems = startupProblems(process.env);
  if (problems.length > 0) {
    for (const problem of problems) console.error(`\n[vaultline] ${problem}\n`);
    process.exit(1);
  }
  if (labMode()) {
    const off = activeFlaws().join(", ") || "none yet";
    console.warn(
      `\n[vaultline] !!! LAB MODE: defenses switched off: ${off}; /lab switches them — never expose this server !!!\n`,
    );
  }
}
