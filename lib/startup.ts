// Start-up checks (Node runtime only): every environment variable parsed (lib/env.ts), and a
// production server with an unsafe setting, or lab flaws without LAB_ALLOW=1, refuses to start
// and says why, loudly; a lab says so.
import "server-only";
import { logger } from "./logger.mjs";
import { serverStartupProblems, startupRefusal } from "./env";
import { activeFlaws, labMode } from "./lab/flaws";

export function checkStartup(): void {
  const problems = serverStartupProblems();
  if (problems.length > 0) {
    logger.fatal({ problems }, startupRefusal(problems));
    process.exit(1);
  }
  if (labMode()) {
    const off = activeFlaws().join(", ") || "none yet";
    logger.warn(
      { flaws: activeFlaws() },
      `!!! LAB MODE: defenses switched off: ${off}; /lab switches them — never expose this server !!!`,
    );
  }
}
