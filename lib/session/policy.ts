// The session policy: every tier, lifetime and limit in one typed config. A developer adopting
// Vaultline changes this file (or picks a preset with SESSION_POLICY) and nothing else.
// docs/session-policy.md gives the reason and source of each value.
import { serverEnv } from "../env";
import type { PolicyPreset } from "./preset-names";

export type { PolicyPreset };

/**
 * The tiers, from least to most sensitive: a page, action or route names the tier of the most
 * sensitive thing it shows or changes. A tier added here needs an idle limit in every preset
 * below, and nothing else in the code (docs/adapting.md, "Add a tier").
 */
export const TIERS = ["low", "medium", "high"] as const;

export type Tier = (typeof TIERS)[number];

/**
 * The most sensitive tier. A new session starts open to it: the database default of
 * `Session.openTier` names it (policy.test.ts checks the two agree).
 */
export const TOP_TIER: Tier = TIERS[TIERS.length - 1]!;

export type SessionPolicy = {
  /** Idle limit per tier: a request to a tier after this much inactivity ends the session. */
  idleTimeoutMinutes: Record<Tier, number>;
  /** Absolute lifetime of any session, however active (OWASP session cheat sheet). */
  absoluteLifetimeHours: number;
  /** Absolute lifetime once the session has entered the admin panel. */
  adminAbsoluteLifetimeHours: number;
  /** Money transfers and admin entry need the password entered this recently (step-up). */
  stepUpFreshnessMinutes: number;
  /** The timeout dialog opens this long before the idle deadline. */
  warningLeadSeconds: number;
  /** lastSeenAt is written at most this often: idle accuracy vs one write per request. */
  lastSeenWriteIntervalSeconds: number;
  /** Wrong passwords at step-up before the session ends (online guessing of a stolen session). */
  stepUpMaxFailures: number;
  /**
   * A rotated-out ID seen this soon after its rotation is refused but not treated as theft:
   * a request already in flight (another tab's poll) may still carry it.
   */
  rotationGraceSeconds: number;
  /**
   * Rows of sessions past their absolute deadline are deleted this long after it (the cleanup
   * job, lib/session/cleanup.ts). Until then a late request can still be told why it ended.
   */
  expiredSessionRetentionHours: number;
  /**
   * Live sessions one user may hold; a sign-in beyond it ends the user's oldest session (by
   * sign-in time), which is told why. Bounds what one account can make the server keep and check.
   */
  maxLiveSessionsPerUser: number;
  /**
   * Successful step-ups one session family (one sign-in and its rotations) may make per hour.
   * Each is a bcrypt check that a correct password would otherwise repeat without limit.
   */
  stepUpsPerFamilyPerHour: number;
  /**
   * Security events are deleted this long after they were last seen (the cleanup job). The log
   * (lib/logger.mjs), shipped to a SIEM, keeps them as long as the operator's archive does.
   */
  securityEventRetentionDays: number;
  /**
   * Identical failures (same type, user, address and reason) within one window of this length
   * share one event row with a count, so a flood is one row, not one per attempt.
   */
  eventAggregationWindowMinutes: number;
};

const defaultPolicy: SessionPolicy = {
  idleTimeoutMinutes: { low: 60, medium: 30, high: 15 },
  absoluteLifetimeHours: 12,
  adminAbsoluteLifetimeHours: 2,
  stepUpFreshnessMinutes: 5,
  warningLeadSeconds: 120,
  lastSeenWriteIntervalSeconds: 60,
  stepUpMaxFailures: 5,
  rotationGraceSeconds: 10,
  expiredSessionRetentionHours: 24,
  maxLiveSessionsPerUser: 10,
  stepUpsPerFamilyPerHour: 12,
  securityEventRetentionDays: 90,
  eventAggregationWindowMinutes: 15,
};

/** OWASP's suggestion for high-value apps: 2–5 minutes idle on the most sensitive areas. */
const strictPolicy: SessionPolicy = {
  ...defaultPolicy,
  idleTimeoutMinutes: { low: 20, medium: 10, high: 5 },
  absoluteLifetimeHours: 4,
};

/** One for each name in preset-names.ts, which SESSION_POLICY may name. */
export const POLICY_PRESETS: Record<PolicyPreset, SessionPolicy> = { default: defaultPolicy, strict: strictPolicy };

/** The policy in force: the preset SESSION_POLICY names ("default" unless set; lib/env.ts checks it). */
export function sessionPolicy(preset: PolicyPreset = serverEnv().SESSION_POLICY): SessionPolicy {
  return POLICY_PRESETS[preset];
}

/**
 * Caps on the client-supplied text an event row keeps: enough to recognise a browser or a path,
 * too little for one request to fill the table.
 */
export const EVENT_FIELD_LIMITS = { userAgentChars: 256, detailValueChars: 200 } as const;

/** Token and cookie rules: fixed by the threat model, not tuned per deployment. */
export const TOKEN_POLICY = {
  /** 256 bits from the platform CSPRNG (OWASP: at least 64 bits of entropy; we take 256). */
  tokenBytes: 32,
  /** Characters of the SHA-256 hex shown in events, logs and the inspector instead of a token. */
  fingerprintLength: 8,
  cookieName: "vaultline.session",
  /**
   * Strict: a bank needs no cross-site request to carry the session, and Strict stops
   * cross-site POSTs (CSRF) and top-level GET navigations from carrying it. The cost: following
   * a link to Vaultline from another site arrives signed-out for that first page. "lax" trades
   * that back (docs/session-policy.md).
   */
  sameSite: "strict" as "strict" | "lax",
} as const;
