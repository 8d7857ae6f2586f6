// The score board's view of unfair-hash-queue. A password check that arrives while one other
// user has more checks in flight than the bcrypt gate has slots meets a flood: under the flaw
// it joins the one first-come line behind the flood's queued checks (exploited); with one line
// per user it waits for at most one of them (blocked). The lab counts each user's checks in
// flight in this process, as the gate itself is per process (on globalThis for the same reason).
// Not server-only, as lib/auth/password.ts is not: the seed hashes with it in plain Node. The
// score board's module (server-only) is loaded only when there is something to report.

const inFlight: Map<string, number> = ((
  globalThis as typeof globalThis & { vaultlineLabChecksInFlight?: Map<string, number> }
).vaultlineLabChecksInFlight ??= new Map());

/** Runs `userKey`'s password `check`, telling the board when it met another user's flood. */
export async function checkAmidFloods<T>(userKey: string, slots: number, check: () => Promise<T>): Promise<T> {
  const flood = largestBesides(userKey);
  inFlight.set(userKey, (inFlight.get(userKey) ?? 0) + 1);
  try {
    // Two or more of the flood queued ahead: more than one line per user would ever let wait.
    if (flood >= slots + 2) {
      const { reportAttempt } = await import("./outcomes");
      await reportAttempt("unfair-hash-queue", {
        exploited: `A password check joined the one first-come line while another customer had ${flood} checks in flight: it waits behind that flood.`,
        blocked: `A password check arrived while another customer had ${flood} checks in flight, and waits for at most one of them: one line per customer.`,
      });
    }
    return await check();
  } finally {
    const left = (inFlight.get(userKey) ?? 1) - 1;
    if (left > 0) inFlight.set(userKey, left);
    else inFlight.delete(userKey);
  }
}

function largestBesides(userKey: string): number {
  let largest = 0;
  for (const [key, count] of inFlight) if (key !== userKey && count > largest) largest = count;
  return largest;
}
