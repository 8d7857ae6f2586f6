// The lab-flaw catalogue (trainer mode). `LAB_FLAWS=name,name` (or `all`) switches defenses off;
// each defense checks `flawOn(name)` at the exact line that stops its attack, so a trainer can
// point at it. Every flaw names the finding it reproduces and the spec that proves its defense
// (`npm run test:teeth` runs that spec with the flaw on and expects it to fail).

export const FLAWS = {
  fixation: {
    defense: "a fresh session ID at sign-in (the pre-login ID is upgraded instead)",
    finding: "Session fixation: the ID planted before sign-in becomes the authenticated one",
    spec: "e2e/session-fixation.spec.ts",
  },
  "no-server-logout": {
    defense: "ending the session on the server at sign-out (only the cookie is cleared)",
    finding: "Sign-out only deletes the cookie; a copied ID keeps working",
    spec: "e2e/server-side-sign-out.spec.ts",
  },
  "readable-cookie": {
    defense: "HttpOnly (script can read the session cookie)",
    finding: "Session cookie without HttpOnly: any XSS can steal it",
    spec: "e2e/cookie-attributes.spec.ts",
  },
  "no-cache-control": {
    defense: "no-store on authenticated pages (Back after sign-out shows balances)",
    finding: "Authenticated pages cached by the browser: Back after sign-out shows them",
    spec: "e2e/no-store-cache.spec.ts",
  },
  "no-rotation-on-step-up": {
    defense: "the new ID after step-up",
    finding: "Session ID not renewed on privilege change: a copied ID inherits the fresh step-up",
    spec: "e2e/step-up-rotation.spec.ts",
  },
  "no-reuse-detection": {
    defense: "rejecting and reporting a rotated-out ID",
    finding: "Old session ID still accepted after renewal, and its reuse goes unnoticed",
    spec: "e2e/stolen-id-reuse.spec.ts",
  },
  "no-idle-timeout": {
    defense: "server-side idle expiry (only the UI warns)",
    finding: "Inactive sessions never expire on the server: an unattended or stolen session stays usable",
    spec: "e2e/idle-timeout.spec.ts",
  },
  "no-absolute-timeout": {
    defense: "the absolute lifetime",
    finding: "No maximum session lifetime: a stolen session kept busy never expires",
    spec: "e2e/absolute-timeout.spec.ts",
  },
  "no-revoke-on-password-change": {
    defense: "ending other sessions on password change",
    finding: "Sessions survive a password change: the thief the victim tried to lock out stays in",
    spec: "e2e/password-change.spec.ts",
  },
  "concurrent-admin": {
    defense: "the admin single-session option",
    finding: "Concurrent privileged sessions: a stolen admin session runs unnoticed beside the real one",
    spec: "e2e/admin-single-session.spec.ts",
  },
  "no-login-throttle": {
    defense: "sign-in and step-up attempt limits",
    finding: "Unlimited password attempts: online guessing finds a weak password",
    spec: "e2e/login-throttle.spec.ts",
  },
} as const satisfies Record<string, { defense: string; finding: string; spec: string }>;

export type FlawName = keyof typeof FLAWS;

export const FLAW_NAMES = Object.keys(FLAWS) as FlawName[];

function isFlawName(name: string): name is FlawName {
  return Object.hasOwn(FLAWS, name);
}

/** Parses a LAB_FLAWS value; throws on unknown names so a typo never silently runs secure. */
export function parseFlaws(value: string | undefined): FlawName[] {
  const names = (value ?? "").split(",").map((n) => n.trim()).filter(Boolean);
  if (names.includes("all")) return [...FLAW_NAMES];
  const unknown = names.filter((n) => !isFlawName(n));
  if (unknown.length > 0) {
    throw new Error(`Unknown lab flaw(s): ${unknown.join(", ")}. Known: ${FLAW_NAMES.join(", ")}, all`);
  }
  return names as FlawName[];
}

let cached: { raw: string | undefined; flaws: FlawName[] } | undefined;

export function activeFlaws(): FlawName[] {
  const raw = process.env.LAB_FLAWS;
  if (!cached || cached.raw !== raw) cached = { raw, flaws: parseFlaws(raw) };
  return cached.flaws;
}

/** True when the trainer switched this defense off. */
export function flawOn(name: FlawName): boolean {
  return activeFlaws().includes(name);
}

/**
 * A production server never runs with flaws unless LAB_ALLOW=1 says it on purpose
 * (the e2e servers do). Returns the refusal text, or undefined when starting is fine.
 */
export function labStartupRefusal(env: NodeJS.ProcessEnv): string | undefined {
  const flaws = parseFlaws(env.LAB_FLAWS);
  if (flaws.length === 0) return undefined;
  if (env.NODE_ENV === "production" && env.LAB_ALLOW !== "1") {
    return `Refusing to start: LAB_FLAWS=${env.LAB_FLAWS} switches off security defenses and NODE_ENV=production. Set LAB_ALLOW=1 only on a training server.`;
  }
  return undefined;
}
