// The session policy the e2e servers run (they inherit SESSION_POLICY from the run's environment),
// so specs age sessions by the policy's own numbers instead of copying its minutes.
import { POLICY_PRESETS, type PolicyPreset } from "@/lib/session/policy";

export const POLICY = POLICY_PRESETS[(process.env.SESSION_POLICY?.trim() || "default") as PolicyPreset];

/** Minutes of inactivity that pass a tier's idle limit, by a minute. */
export function pastIdleLimit(tier: Tier): number {
  return POLICY.idleTimeoutMinutes[tier] + 1;
}

/** Minutes that make a password entry too old for step-up, by a minute. */
export const PAST_STEP_UP_FRESHNESS = POLICY.stepUpFreshnessMinutes + 1;

type Tier = keyof typeof POLICY.idleTimeoutMinutes;

/** Idle minutes past the `closed` tier's limit and still within the `open` one's: halfway between. */
export function idleBetween(closed: Tier, open: Tier): number {
  return (POLICY.idleTimeoutMinutes[closed] + POLICY.idleTimeoutMinutes[open]) / 2;
}

/** The sign-in page's words for a session ended by a tier's idle limit. */
export function idleMessage(tier: Tier): string {
  return `You were signed out after ${POLICY.idleTimeoutMinutes[tier]} minutes of inactivity.`;
}

/** Idle minutes after which the timeout warning is open on a page of `tier`. */
export function warningOpensAt(tier: Tier): number {
  return POLICY.idleTimeoutMinutes[tier] - POLICY.warningLeadSeconds / 60;
}
