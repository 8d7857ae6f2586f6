export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkStartup } = await import("./lib/startup");
    checkStartup();
    // The unknown email's stand-in hash, made before any visitor's sign-in could wait for it.
    const { dummyPasswordHash } = await import("./lib/auth/password");
    await dummyPasswordHash();
    const { scheduleSessionCleanup } = await import("./lib/session/cleanup");
    scheduleSessionCleanup();
    // LAB ONLY
    // Lab mode only: a server outside it never reads the lab's switches, or anything else of the lab.
    const { labMode } = await import("./lib/lab/flaws");
    if (labMode()) {
      const { startLabSwitches } = await import("./lib/lab/switches");
      await startLabSwitches();
    }
    // END LAB ONLY
  }
}
