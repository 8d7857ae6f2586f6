// The names of the lab flaws, and the parser of LAB_FLAWS. Apart from the catalogue
// (lib/lab/flaws.ts, which holds an entry for each name: TypeScript keeps the two lists equal)
// so that lib/env.ts can check LAB_FLAWS at start-up without importing the catalogue, which
// reads the env: a leaf, importing nothing.
export const FLAW_NAMES = [
  "fixation",
  "no-server-logout",
  "readable-cookie",
  "persistent-cookie",
  "no-cache-control",
  "no-rotation-on-step-up",
  "no-reuse-detection",
  "no-idle-timeout",
  "no-absolute-timeout",
  "no-revoke-on-password-change",
  "concurrent-admin",
  "weak-token",
  "token-in-url",
  "plaintext-tokens",
  "token-in-logs",
  "csrf",
  "stored-xss",
  "no-login-throttle",
  "tier-reopen",
  "attempt-race",
  "overdraft-race",
  "open-redirect",
  "spoofable-ip",
  "no-csp",
  "clickjacking",
  "revocation-snapshot",
  "idor",
  "unfair-hash-queue",
  "no-lockout-escalation",
] as const;

export type FlawName = (typeof FLAW_NAMES)[number];

export function isFlawName(name: string): name is FlawName {
  return (FLAW_NAMES as readonly string[]).includes(name);
}

/** Parses a LAB_FLAWS value; throws on unknown names so a typo never silently runs secure. */
export function parseFlaws(value: string | undefined): FlawName[] {
  const names = (value ?? "")
    .split(",")
    .map((n) => n.trim())
    .filter(Boolean);
  if (names.includes("all")) return [...FLAW_NAMES];
  const unknown = names.filter((n) => !isFlawName(n));
  if (unknown.length > 0) {
    throw new Error(`Unknown lab flaw(s): ${unknown.join(", ")}. Known: ${FLAW_NAMES.join(", ")}, all`);
  }
  return names as FlawName[];
}
