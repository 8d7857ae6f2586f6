// Start-up checks (Node runtime only): every environment variable parsed (lib/env.ts), and a
// production server with an unsafe setting (or lab flaws outside lab mode) refuses to start
// and says why, loudly; a lab says so.
import "server-only";
import { logger } from "./logger.mjs";
import { serverStartupProblems, startupRefusal } from "./env";
// LAB ONLY
import { activeFlaws, labMode } from "./lab/flaws";
// END LAB ONLY

export function checkStartup(): void {
  const problems = serverStartupProblems();
  if (problems.length > 0) {
    logger.fatal({ problems }, startupRefusal(problems));
    process.exit(1);
  }
  // LAB ONLY
  if (labMode()) {
    const off = activeFlaws().join(", ") || "none yet";
    logger.warn(
      { flaws: activeFlaws() },
      `!!! LAB MODE: defenses switched off: ${off}; /lab switches them — never expose this server !!!`,
    );
  }
  // END LAB ONLY
}
