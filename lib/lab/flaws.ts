// The lab-flaw catalogue (trainer mode). `LAB_FLAWS=name,name` (or `all`) switches defenses off;
// each defense checks `flawOn(name)` at the exact line that stops its attack, so a trainer can
// point at it. Every flaw names the finding it reproduces, the secure test that proves its
// defense and its attack specs (`npm run test:teeth` checks all three, flaw by flaw).

type FlawEntry = {
  defense: string;
  finding: string;
  /** The secure spec that proves the defense, and the test in it that must fail with the flaw on. */
  spec: string;
  test: string;
  /** The attack specs: the attack fails against the secure server and succeeds with only this flaw on. */
  attacks: readonly string[];
};

export const FLAWS = {
  fixation: {
    defense: "a fresh session ID at sign-in (the pre-login ID is upgraded instead)",
    finding: "Session fixation: the ID planted before sign-in becomes the authenticated one",
    spec: "e2e/session-fixation.spec.ts",
    test: "an ID planted before sign-in is never the one that gets authenticated",
    attacks: ["e2e/attacks/fixation.spec.ts"],
  },
  "no-server-logout": {
    defense: "ending the session on the server at sign-out (only the cookie is cleared)",
    finding: "Sign-out only deletes the cookie; a copied ID keeps working",
    spec: "e2e/server-side-sign-out.spec.ts",
    test: "the cookie replayed after sign-out is refused by the server",
    attacks: ["e2e/attacks/no-server-logout.spec.ts", "e2e/attacks/api-no-server-logout.spec.ts"],
  },
  "readable-cookie": {
    defense: "HttpOnly (script can read the session cookie)",
    finding: "Session cookie without HttpOnly: any XSS can steal it",
    spec: "e2e/cookie-attributes.spec.ts",
    test: "the session cookie is HttpOnly, SameSite=Strict, host-only and ends with the browser",
    attacks: ["e2e/attacks/readable-cookie.spec.ts"],
  },
  "no-cache-control": {
    defense: "no-store on authenticated pages (Back after sign-out shows balances)",
    finding: "Authenticated pages cached by the browser: Back after sign-out shows them",
    spec: "e2e/no-store-cache.spec.ts",
    test: "Back after sign-out shows no balances",
    attacks: ["e2e/attacks/no-cache-control.spec.ts"],
  },
  "no-rotation-on-step-up": {
    defense: "the new ID after step-up",
    finding: "Session ID not renewed on privilege change: a copied ID inherits the fresh step-up",
    spec: "e2e/step-up-rotation.spec.ts",
    test: "step-up issues a new ID and the old one is dead at once",
    attacks: ["e2e/attacks/no-rotation-on-step-up.spec.ts", "e2e/attacks/api-no-rotation-on-step-up.spec.ts"],
  },
  "no-reuse-detection": {
    defense: "rejecting and reporting a rotated-out ID",
    finding: "Old session ID still accepted after renewal, and its reuse goes unnoticed",
    spec: "e2e/stolen-id-reuse.spec.ts",
    test: "replaying a rotated-out ID ends the whole family and records the theft",
    attacks: ["e2e/attacks/no-reuse-detection.spec.ts"],
  },
  "no-idle-timeout": {
    defense: "server-side idle expiry (only the UI warns)",
    finding: "Inactive sessions never expire on the server: an unattended or stolen session stays usable",
    spec: "e2e/idle-timeout.spec.ts",
    test: "16 idle minutes still open the dashboard but not the transfer page",
    attacks: ["e2e/attacks/no-idle-timeout.spec.ts"],
  },
  "no-absolute-timeout": {
    defense: "the absolute lifetime",
    finding: "No maximum session lifetime: a stolen session kept busy never expires",
    spec: "e2e/absolute-timeout.spec.ts",
    test: "an active session is ended at its 12-hour absolute lifetime",
    attacks: ["e2e/attacks/no-absolute-timeout.spec.ts"],
  },
  "no-revoke-on-password-change": {
    defense: "ending other sessions on password change",
    finding: "Sessions survive a password change: the thief the victim tried to lock out stays in",
    spec: "e2e/password-change.spec.ts",
    test: "changing the password ends the other device's session and keeps this one on a new ID",
    attacks: ["e2e/attacks/no-revoke-on-password-change.spec.ts"],
  },
  "concurrent-admin": {
    defense: "the admin single-session option",
    finding: "Concurrent privileged sessions: a stolen admin session runs unnoticed beside the real one",
    spec: "e2e/admin-single-session.spec.ts",
    test: "newest-wins: opening the panel elsewhere ends the first admin session, which is told why",
    attacks: ["e2e/attacks/concurrent-admin.spec.ts"],
  },
  "no-login-throttle": {
    defense: "sign-in and step-up attempt limits",
    finding: "Unlimited password attempts: online guessing finds a weak password",
    spec: "e2e/login-throttle.spec.ts",
    test: "API: the 6th attempt is a 429 with Retry-After, even with the right password",
    attacks: ["e2e/attacks/no-login-throttle.spec.ts"],
  },
} as const satisfies Record<string, FlawEntry>;

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

let cached: { raw: string | undefined; allowed: boolean; flaws: FlawName[] } | undefined;

/** The flaws in force: none at all unless LAB_ALLOW=1 says this server is a lab on purpose. */
export function activeFlaws(): FlawName[] {
  const raw = process.env.LAB_FLAWS;
  const allowed = process.env.LAB_ALLOW === "1";
  if (!cached || cached.raw !== raw || cached.allowed !== allowed) cached = { raw, allowed, flaws: allowed ? parseFlaws(raw) : [] };
  return cached.flaws;
}

/** True when the trainer switched this defense off. */
export function flawOn(name: FlawName): boolean {
  return activeFlaws().includes(name);
}

/**
 * A server never runs with flaws unless LAB_ALLOW=1 says it on purpose (`npm run lab` and the
 * e2e servers set it), whatever NODE_ENV says: "staging", "test" or a misspelt "Production"
 * must not serve a lab. Returns the refusal text, or undefined when starting is fine.
 */
export function labStartupRefusal(env: NodeJS.ProcessEnv): string | undefined {
  const flaws = parseFlaws(env.LAB_FLAWS);
  if (flaws.length === 0 || env.LAB_ALLOW === "1") return undefined;
  return `Refusing to start: LAB_FLAWS=${env.LAB_FLAWS} switches off security defenses. Set LAB_ALLOW=1 only on a training server (npm run lab does).`;
}
