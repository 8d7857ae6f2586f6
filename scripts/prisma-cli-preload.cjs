// Preloaded (node --require) into the Prisma CLI processes that scripts/prisma-cli.ts starts.
// Prisma 6.19's WASM schema engine races `pg_advisory_lock` against a 10 s timer it cannot
// cancel (its setTimeout import has no clearTimeout twin), so every PostgreSQL `migrate deploy`
// idled 10 s after finishing. Timers of exactly that length are unref'd: they still fire while
// the lock query is in flight (its socket keeps the process alive) but no longer hold a CLI
// that has finished.
const ADVISORY_LOCK_TIMEOUT_MS = 10000;
const originalSetTimeout = globalThis.setTimeout;

function setTimeoutUnrefLockTimeout(callback, delay, ...args) {
  const timer = originalSetTimeout(callback, delay, ...args);
  if (delay === ADVISORY_LOCK_TIMEOUT_MS) timer.unref();
  return timer;
}

// Keep util.promisify.custom and friends.
Object.defineProperties(setTimeoutUnrefLockTimeout, Object.getOwnPropertyDescriptors(originalSetTimeout));
globalThis.setTimeout = setTimeoutUnrefLockTimeout;
