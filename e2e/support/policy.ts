// The session policy the e2e servers run (they inherit SESSION_POLICY from the run's environment),
// so specs age sessions by the policy's own numbers instead of copying its minutes.
import { POLICY_PRESETS, type PolicyPreset } from "@/lib/session/policy";

export const POLICY = POLICY_PRESETS[(process.env.SESSION_POLICY?.trim() || "default") as PolicyPreset];

/** Minutes of inactivity that pass a tier's idle limit, by a minute. */
export function pastIdleLimit(tier: keyof typeof POLICY.idleTimeoutMinutes): number {
  return POLICY.idleTimeoutMinutes[tier] + 1;
}

/** Minutes that make a password entry too old for step-up, by a minute. */
export const PAST_STEP_UP_FRESHNESS = POLICY.stepUpFreshnessMinutes + 1;
