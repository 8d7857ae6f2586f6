// The lab console's hands on the demo data: the reset back to the seed, and time travel for the
// demos that would otherwise wait out a timeout in front of the room. Lab mode only.
import "server-only";
import { db } from "@/lib/db";
import { sessionPolicy } from "@/lib/session/policy";
import { seedDatabase } from "@/prisma/seed";

/**
 * Back to the seed: every user, account, transfer, session, event, failed sign-in and setting as
 * a fresh lab has them. Every session ends with it (its row is gone); the switches stay.
 */
export async function resetDemoData(): Promise<void> {
  await db.$transaction([
    db.ledgerEntry.deleteMany(),
    db.transfer.deleteMany(),
    db.session.deleteMany(),
    db.securityEvent.deleteMany(),
    db.signInFailure.deleteMany(),
    db.account.deleteMany(),
    db.user.deleteMany(),
    db.setting.deleteMany(),
  ]);
  await seedDatabase(db);
}

export type TimeJump = "warning-on-high-tier" | "idle-past-high-tier" | "stale-step-up" | "past-absolute-lifetime";

// When the console last moved the clocks: signed-in pages watch it (app/session/time-travel) and
// ask for their deadlines again, so the warning or the sign-out shows in the victim's window at once.
const TIME_TRAVEL_SETTING = "lab.time-travel";

/** Each jump just past the policy's limit it demonstrates, whichever preset is in force. */
export function timeJumps(): Record<TimeJump, { label: string; idleMinutes: number; ageMinutes: number }> {
  const policy = sessionPolicy();
  // Halfway through the warning's lead: the dialog is open with its countdown running.
  const warning = policy.idleTimeoutMinutes.high - policy.warningLeadSeconds / 2 / 60;
  const idle = policy.idleTimeoutMinutes.high + 1;
  const stale = policy.stepUpFreshnessMinutes + 1;
  const old = policy.absoluteLifetimeHours + 1;
  return {
    "warning-on-high-tier": {
      label: `Every session near its high-tier sign-out (the warning shows on a transfer page)`,
      idleMinutes: warning,
      ageMinutes: 0,
    },
    "idle-past-high-tier": {
      label: `Every session idle past the high tier (${idle} minutes)`,
      idleMinutes: idle,
      ageMinutes: 0,
    },
    "stale-step-up": {
      label: `Sign-ins past step-up freshness (${stale} minutes ago)`,
      idleMinutes: 0,
      ageMinutes: stale,
    },
    "past-absolute-lifetime": {
      label: `Sign-ins past the absolute lifetime (${old} hours ago)`,
      idleMinutes: 0,
      ageMinutes: old * 60,
    },
  };
}

/** Rewrites every live session's clock as if the time had passed: the server decides from these. */
export async function jumpInTime(jump: TimeJump, now = new Date()): Promise<void> {
  const { idleMinutes, ageMinutes } = timeJumps()[jump];
  const earlier = (date: Date, minutes: number) => new Date(date.getTime() - minutes * 60_000);
  const sessions = await db.session.findMany({ where: { endedAt: null } });
  for (const session of sessions) {
    await db.session.update({
      where: { id: session.id },
      data: {
        lastSeenAt: earlier(now, idleMinutes),
        createdAt: earlier(session.createdAt, ageMinutes),
        authenticatedAt: earlier(session.authenticatedAt, ageMinutes),
        expiresAt: earlier(session.expiresAt, ageMinutes),
      },
    });
  }
  const at = now.toISOString();
  await db.setting.upsert({
    where: { key: TIME_TRAVEL_SETTING },
    create: { key: TIME_TRAVEL_SETTING, value: at },
    update: { value: at },
  });
}

/** When the console last moved the clocks (null: not since the last reset). */
export async function lastTimeTravel(): Promise<string | null> {
  return (await db.setting.findUnique({ where: { key: TIME_TRAVEL_SETTING } }))?.value ?? null;
}
