// The lab-flaw catalogue (trainer mode). `LAB_FLAWS=name,name` (or `all`) switches defenses off;
// each defense checks `flawOn(name)` at the exact line that stops its attack, so a trainer can
// point at it. Every flaw names the finding it reproduces, the published source it comes from, the
// secure test that proves its defense and its attack specs (`npm run test:flaws` checks all three,
// flaw by flaw). Lab mode is LAB_ALLOW=1: only there can a defense be off, and only there does
// the lab console (/lab) switch them while the server runs. The names themselves, and the parser
// of LAB_FLAWS, are in flaw-names.ts.
import { AsyncLocalStorage } from "node:async_hooks";
import { serverEnv, type ServerEnv } from "../env";
import { FLAW_NAMES, type FlawName } from "./flaw-names";

/** The published findings the flaws reproduce, by the short names docs/session-policy.md uses. */
export const SEEDS = {
  M9: { title: 'OWASP Mobile Top 10 M9 "Improper Session Handling"' },
  SM_ISSUES: { title: '"Session Management Issues" (Travis McCormack)' },
  QWIET: { title: "Qwiet AI on secure session management" },
  PRINCIPLES: { title: 'The "Session Management" principle' },
  COOKIES: { title: '"What is session management and why is it important?" (Packetlabs)' },
} as const;

type FlawEntry = {
  defense: string;
  finding: string;
  /** Where in the seeds the finding comes from: a section and a quote, word for word. */
  seed: { document: (typeof SEEDS)[keyof typeof SEEDS]; section: string; quote: string };
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
    seed: {
      document: SEEDS.SM_ISSUES,
      section: "Session Fixation",
      quote:
        "To fix this issue simply change the session ID upon the user logging in and do not actually grant authorization under the session ID they POSTed their credentials with.",
    },
    spec: "e2e/session-fixation.spec.ts",
    test: "an ID planted before sign-in is never the one that gets authenticated",
    attacks: ["e2e/attacks/fixation.spec.ts"],
  },
  "no-server-logout": {
    defense: "ending the session on the server at sign-out (only the cookie is cleared)",
    finding: "Sign-out only deletes the cookie; a copied ID keeps working",
    seed: {
      document: SEEDS.SM_ISSUES,
      section: "Session Not Invalidated On Logout",
      quote:
        "These actions do not actually prevent the re-use of the session token by an attacker who has intercepted it as the session was not properly invalidated server-side.",
    },
    spec: "e2e/server-side-sign-out.spec.ts",
    test: "the cookie replayed after sign-out is refused by the server",
    attacks: ["e2e/attacks/no-server-logout.spec.ts", "e2e/attacks/api-no-server-logout.spec.ts"],
  },
  "readable-cookie": {
    defense: "HttpOnly (script can read the session cookie)",
    finding: "Session cookie without HttpOnly: any XSS can steal it",
    seed: {
      document: SEEDS.COOKIES,
      section: "Set Secure/HttpOnly Flags on your Cookies",
      quote:
        "The HttpOnly flag should also be set for session cookies as this will prevent client-side JavaScript from accessing it which could result in session hijacking.",
    },
    spec: "e2e/cookie-attributes.spec.ts",
    test: "the session cookie is HttpOnly, SameSite=Strict, host-only and ends with the browser",
    attacks: ["e2e/attacks/readable-cookie.spec.ts"],
  },
  "persistent-cookie": {
    defense: "a browser-session cookie (it gets a Max-Age and outlives the browser)",
    finding: "Persistent session cookie: closing the browser on a shared computer leaves the next person signed in",
    seed: {
      document: SEEDS.COOKIES,
      section: "Configure Session Cookies Properly",
      quote:
        "If no value is specified for the Expire or Max-Age attributes the cookie does not persist in the user’s browser and is removed when the tab or browser is closed, this is commonly used for session cookies.",
    },
    spec: "e2e/cookie-attributes.spec.ts",
    test: "the session cookie is HttpOnly, SameSite=Strict, host-only and ends with the browser",
    attacks: ["e2e/attacks/persistent-cookie.spec.ts"],
  },
  "no-cache-control": {
    defense: "no-store on authenticated pages (Back after sign-out shows balances)",
    finding: "Authenticated pages cached by the browser: Back after sign-out shows them",
    seed: {
      document: SEEDS.QWIET,
      section: "Secure Coding Session Management Checklist",
      quote: "The logout function fully terminates the associated session/connection.",
    },
    spec: "e2e/no-store-cache.spec.ts",
    test: "Back after sign-out shows no balances",
    attacks: ["e2e/attacks/no-cache-control.spec.ts"],
  },
  "no-rotation-on-step-up": {
    defense: "the new ID after step-up",
    finding: "Session ID not renewed on privilege change: a copied ID inherits the fresh step-up",
    seed: {
      document: SEEDS.PRINCIPLES,
      section: "re-authentication",
      quote:
        "This second authentication should also prompt the creation of a second session ID and the destruction of the original ID.",
    },
    spec: "e2e/step-up-rotation.spec.ts",
    test: "step-up issues a new ID and the old one is dead at once",
    attacks: ["e2e/attacks/no-rotation-on-step-up.spec.ts", "e2e/attacks/api-no-rotation-on-step-up.spec.ts"],
  },
  "no-reuse-detection": {
    defense: "rejecting and reporting a rotated-out ID",
    finding: "Old session ID still accepted after renewal, and its reuse goes unnoticed",
    seed: {
      document: SEEDS.M9,
      section: "Failure to Properly Rotate Cookies",
      quote:
        "Ideally, your application would even detect any use of said cookies and would report that to the appropriate security team.",
    },
    spec: "e2e/stolen-id-reuse.spec.ts",
    test: "replaying a rotated-out ID ends the whole family and records the theft",
    attacks: ["e2e/attacks/no-reuse-detection.spec.ts"],
  },
  "no-idle-timeout": {
    defense: "server-side idle expiry (only the UI warns)",
    finding: "Inactive sessions never expire on the server: an unattended or stolen session stays usable",
    seed: {
      document: SEEDS.M9,
      section: "Lack of Adequate Timeout Protection",
      quote: "Any mobile app you create must have adequate timeout protection on the backend components.",
    },
    spec: "e2e/idle-timeout.spec.ts",
    test: "idle past the high tier's limit still opens the dashboard but not the transfer page",
    attacks: ["e2e/attacks/no-idle-timeout.spec.ts"],
  },
  "no-absolute-timeout": {
    defense: "the absolute lifetime",
    finding: "No maximum session lifetime: a stolen session kept busy never expires",
    seed: {
      document: SEEDS.PRINCIPLES,
      section: "timeouts",
      quote: "You will need to identify the maximum age of any given session ID as well as a timeout for sessions.",
    },
    spec: "e2e/absolute-timeout.spec.ts",
    test: "an active session is ended at its absolute lifetime",
    attacks: ["e2e/attacks/no-absolute-timeout.spec.ts"],
  },
  "no-revoke-on-password-change": {
    defense: "ending other sessions on password change",
    finding: "Sessions survive a password change: the thief the victim tried to lock out stays in",
    seed: {
      document: SEEDS.SM_ISSUES,
      section: "Session Not Invalidated On Password Change",
      quote:
        "if my old sessions which potentially are being abused are still active upon changing the password then that has done nothing for me!",
    },
    spec: "e2e/password-change.spec.ts",
    test: "changing the password ends the other device's session and keeps this one on a new ID",
    attacks: ["e2e/attacks/no-revoke-on-password-change.spec.ts"],
  },
  "concurrent-admin": {
    defense: "the admin single-session option",
    finding: "Concurrent privileged sessions: a stolen admin session runs unnoticed beside the real one",
    seed: {
      document: SEEDS.SM_ISSUES,
      section: "Concurrent Sessions Allowed",
      quote: "The recommendation here is to restrict a given user to a single session at one time.",
    },
    spec: "e2e/admin-single-session.spec.ts",
    test: "newest-wins: opening the panel elsewhere ends the first admin session, which is told why",
    attacks: ["e2e/attacks/concurrent-admin.spec.ts"],
  },
  "weak-token": {
    defense: "CSPRNG tokens (IDs become guessable)",
    finding: "Predictable session IDs: decode your own and you can compute another signed-in user's",
    seed: {
      document: SEEDS.QWIET,
      section: "Session ID Hijacking",
      quote:
        "Attackers can steal or predict a valid session token by performing a standard request to observe a session token that is unencrypted, easily decrypted, or guessable.",
    },
    spec: "e2e/cookie-attributes.spec.ts",
    test: "session IDs issued moments apart share no structure",
    attacks: ["e2e/attacks/weak-token.spec.ts"],
  },
  "token-in-url": {
    defense: "cookie-only transport (the ID is accepted from and put into URLs)",
    finding: "Session ID in the URL: every shared link, log line and history entry hands over the session",
    seed: {
      document: SEEDS.QWIET,
      section: "Session Fixation Attacks",
      quote:
        "Token in URL: The malicious actor sends a hyperlink containing a Session ID to the victim who then accesses the site through the malicious link.",
    },
    spec: "e2e/session-id-in-url.spec.ts",
    test: "a session ID in the address opens nothing, under any usual parameter name",
    attacks: ["e2e/attacks/token-in-url.spec.ts"],
  },
  "plaintext-tokens": {
    defense: "storing only the SHA-256 of a token (the database keeps the token itself)",
    finding: "Session tokens stored as they are: a leaked backup of the sessions table is a set of working cookies",
    seed: {
      document: SEEDS.PRINCIPLES,
      section: "securing session IDs on the server and in transit",
      quote:
        "The storage location for the session ID’s should be a secure location and not in world readable locations",
    },
    spec: "e2e/cookie-attributes.spec.ts",
    test: "the token is 256 bits of opaque randomness and only its hash is stored",
    attacks: ["e2e/attacks/plaintext-tokens.spec.ts"],
  },
  "token-in-logs": {
    defense: "naming a session by its fingerprint in the log (the sign-in line carries the token)",
    finding: "Session ID written to the server log: whoever reads the logs can replay every sign-in",
    seed: {
      document: SEEDS.QWIET,
      section: "Secure Coding Session Management Checklist",
      quote: "The application does not explode session identifiers in URLs, error messages, or logs.",
    },
    spec: "e2e/session-id-in-logs.spec.ts",
    test: "a sign-in is logged with its session's fingerprint, never its token",
    attacks: ["e2e/attacks/token-in-logs.spec.ts"],
  },
  csrf: {
    defense: "SameSite and origin checks on state-changing requests",
    finding: "Cross-site request forgery: another site's page acts on the bank with the victim's session",
    seed: {
      document: SEEDS.COOKIES,
      section: "What are the vulnerabilities… (no seed names CSRF; this is what it rides on)",
      quote:
        "insecure session cookies, which can be leveraged by an attacker to take advantage of an authenticated user session",
    },
    spec: "e2e/cross-site-requests.spec.ts",
    test: "cannot sign the victim out or clear their cookie",
    attacks: ["e2e/attacks/csrf.spec.ts"],
  },
  "stored-xss": {
    defense: "escaping of transaction memos",
    finding: "Stored XSS: a memo another customer typed becomes markup in the victim's signed-in page",
    seed: {
      document: SEEDS.QWIET,
      section: "Cross-Site Scripting (XSS)",
      quote:
        "By identifying a vulnerable input in the web application, they can inject a malicious cookie stealer script, pointing to a web-server hosted file that can be resolved outside the local network.",
    },
    spec: "e2e/memo-injection.spec.ts",
    test: "a memo with markup reaches the recipient's page as the text that was typed",
    attacks: ["e2e/attacks/stored-xss.spec.ts"],
  },
  "no-login-throttle": {
    defense: "sign-in and step-up attempt limits",
    finding: "Unlimited password attempts: online guessing finds a weak password",
    seed: {
      document: SEEDS.M9,
      section: "Am I Vulnerable To 'Improper Session Handling'?",
      quote: "Mobile app code must protect user sessions just as carefully as its authentication mechanism.",
    },
    spec: "e2e/login-throttle.spec.ts",
    test: "API: the 6th attempt is a 429 with Retry-After, even with the right password",
    attacks: ["e2e/attacks/no-login-throttle.spec.ts"],
  },
  // The advanced flaws: each switches off a defense against the variation a pentester tries once
  // the classic attack fails.
  "tier-reopen": {
    defense: "the tier ceiling (an idle gap closes the higher tiers for the rest of the session)",
    finding: "A low-tier visit after a long idle gap reopens the high tier: the 15-minute limit behaves as 60",
    seed: {
      document: SEEDS.SM_ISSUES,
      section: "Excessive Session Timeout",
      quote:
        "with respect to the sensitivity of the data in the app, your sessions are allowed to live without activity for too long.",
    },
    spec: "e2e/tier-ceiling.spec.ts",
    test: "a low-tier page after an idle gap past the high tier does not reopen the high tier",
    attacks: ["e2e/attacks/tier-reopen.spec.ts"],
  },
  "attempt-race": {
    defense: "counting a password attempt before checking it",
    finding: "Concurrent step-up guesses are all checked before any is counted: the 5-attempt limit never arrives",
    seed: {
      document: SEEDS.PRINCIPLES,
      section: "re-authentication",
      quote: "an online bank application would re-authenticate the user prior to transferring funds.",
    },
    spec: "e2e/step-up-guessing.spec.ts",
    test: "30 concurrent wrong guesses: only 5 passwords are checked, the rest get one identical answer",
    attacks: ["e2e/attacks/attempt-race.spec.ts"],
  },
  "overdraft-race": {
    defense: "the overdraft check in the debit itself (one conditional UPDATE the database serialises)",
    finding:
      "The balance is read, compared in the app, then written: transfers sent at once all pass the check, and the account is overdrawn",
    seed: {
      document: SEEDS.PRINCIPLES,
      section: "re-authentication",
      quote: "an online bank application would re-authenticate the user prior to transferring funds.",
    },
    spec: "e2e/races/transfer-burst.spec.ts",
    test: "funds for half the burst: exactly that many go through, the rest refused for funds, never an error",
    attacks: ["e2e/attacks/overdraft-race.spec.ts"],
  },
  "open-redirect": {
    defense: "the same-origin check on the path that follows sign-in",
    finding: "Open redirect after sign-in: a phishing link ends on the attacker's look-alike after a genuine sign-in",
    seed: {
      document: SEEDS.QWIET,
      section: "Session Fixation Attacks",
      quote:
        "The attackers trick the victim into authenticating into the application using a login form that they developed.",
    },
    spec: "e2e/open-redirect.spec.ts",
    test: 'sign-in with next="https://evil.example/phish" stays on the bank\'s own dashboard',
    attacks: ["e2e/attacks/open-redirect.spec.ts"],
  },
  "spoofable-ip": {
    defense: "ignoring the X-Forwarded-For entries a client writes",
    finding: "A client-chosen X-Forwarded-For evades the per-address sign-in limit and blames others",
    seed: {
      document: SEEDS.M9,
      section: "Am I Vulnerable (the sign-in limit's finding, in the variation a pentester tries next)",
      quote: "Mobile app code must protect user sessions just as carefully as its authentication mechanism.",
    },
    spec: "e2e/forged-client-address.spec.ts",
    test: "a new forged X-Forwarded-For per request neither evades the per-address limit nor blames anyone else",
    attacks: ["e2e/attacks/spoofable-ip.spec.ts"],
  },
  "no-csp": {
    defense: "the Content-Security-Policy (only scripts with the response's nonce run)",
    finding: "No Content-Security-Policy: a script injected where escaping failed runs with the user's session",
    seed: {
      document: SEEDS.QWIET,
      section: "Cross-Site Scripting (XSS)",
      quote:
        "By identifying a vulnerable input in the web application, they can inject a malicious cookie stealer script",
    },
    spec: "e2e/security-headers.spec.ts",
    test: "without the nonce does not run, and the browser reports the violation",
    attacks: ["e2e/attacks/no-csp.spec.ts"],
  },
  clickjacking: {
    defense: "frame-ancestors 'none' and X-Frame-Options: DENY",
    finding: "Clickjacking: another site frames the signed-in bank under a decoy and borrows the user's clicks",
    seed: {
      document: SEEDS.COOKIES,
      section: "What are the vulnerabilities… (no seed names clickjacking; this is what it buys)",
      quote: "an adversary now has the opportunity to make changes permitted to the victim from their account",
    },
    spec: "e2e/security-headers.spec.ts",
    test: "another site cannot frame the bank",
    attacks: ["e2e/attacks/clickjacking.spec.ts"],
  },
  "revocation-snapshot": {
    defense: "the credential-generation check (a session authenticated with changed credentials is dead)",
    finding:
      "Revocation as a snapshot: a sign-in already in flight with the old password lands after the change as a live session",
    seed: {
      document: SEEDS.SM_ISSUES,
      section: "Session Not Invalidated On Password Change (the variation a pentester tries next: a sign-in in flight)",
      quote: "An attacker can just change the password, or simply keep interacting with the app in their live session.",
    },
    spec: "e2e/races/credential-changes.spec.ts",
    test: "no sign-in in flight with the old password outlives a password change",
    attacks: ["e2e/attacks/revocation-snapshot.spec.ts"],
  },
  idor: {
    defense: "checking every record named by ID against who asks (receipts, account histories, sessions to end)",
    finding: "Broken object-level authorization: another customer's receipt opens, and their session ends, by its ID",
    seed: {
      document: SEEDS.M9,
      section:
        "Security Weakness (no seed names object-level authorization, OWASP API1:2023; this is the check it skips)",
      quote: "This allows the server to conveniently enforce authentication and authorization for any service requests",
    },
    spec: "e2e/object-level-access.spec.ts",
    test: "another customer's transfer receipt is not found and shows nothing of it",
    attacks: ["e2e/attacks/idor.spec.ts"],
  },
  "unfair-hash-queue": {
    defense: "one line per user in front of the shared bcrypt gate (round-robin across users)",
    finding:
      "One customer's flood of password checks queues in front of everyone else's sign-in and slows it several times over",
    seed: {
      document: SEEDS.QWIET,
      section: "introduction",
      quote:
        "as users increasingly adopt the application, horizontal scaling impacts the load balancer’s ability to appropriately route traffic and maintain service speed.",
    },
    spec: "e2e/hash-flood.spec.ts",
    test: "while Mallory floods correct step-ups, Alice's sign-in is answered before the fourth of them",
    attacks: ["e2e/attacks/unfair-hash-queue.spec.ts"],
  },
  "no-lockout-escalation": {
    defense: "escalating waits and the hard stop on consecutive sign-in failures",
    finding: "The sign-in limit never escalates: a few guesses every 15 minutes are checked forever (hundreds a day)",
    seed: {
      document: SEEDS.M9,
      section:
        "Am I Vulnerable To 'Improper Session Handling'? (the variation a pentester tries next: guessing slowly; NIST SP 800-63B caps consecutive failures)",
      quote: "Mobile app code must protect user sessions just as carefully as its authentication mechanism.",
    },
    spec: "e2e/lockout-escalation.spec.ts",
    test: "after 20 consecutive failures even the right password is refused, as a wrong one is",
    attacks: ["e2e/attacks/no-lockout-escalation.spec.ts"],
  },
} as const satisfies Record<FlawName, FlawEntry>;

/** Lab mode: LAB_ALLOW=1 says this server is a training server on purpose. */
export function labMode(env: ServerEnv = serverEnv()): boolean {
  return env.LAB_ALLOW;
}

/** The flaws LAB_FLAWS names: the state a lab server starts in. */
export function startingFlaws(env: ServerEnv = serverEnv()): FlawName[] {
  return env.LAB_FLAWS;
}

// The switches in force once the lab has started (lib/lab/switches.ts loads them from the
// database and the console changes them). Kept on globalThis under a registered symbol because
// Next bundles proxy.ts apart from the app: a module-level variable here would be one copy per
// bundle, and the proxy would never see the console's switch.
const SWITCHES = Symbol.for("vaultline.lab.switches");
// The flaws a second opinion is taken with (judgedWith), for the code it runs and nothing else.
const JUDGING = Symbol.for("vaultline.lab.judging");
type SwitchHolder = {
  [SWITCHES]?: readonly FlawName[];
  [JUDGING]?: AsyncLocalStorage<readonly FlawName[]>;
};

function judging(): AsyncLocalStorage<readonly FlawName[]> {
  return ((globalThis as SwitchHolder)[JUDGING] ??= new AsyncLocalStorage());
}

/** Called by lib/lab/switches.ts only, with what the database now holds. */
export function holdSwitches(flaws: readonly FlawName[]): void {
  (globalThis as SwitchHolder)[SWITCHES] = FLAW_NAMES.filter((name) => flaws.includes(name));
}

/**
 * The flaws in force: none at all outside lab mode (nothing is read, not even the database),
 * else the console's switches, or LAB_FLAWS until the lab has loaded them.
 */
export function activeFlaws(env: ServerEnv = serverEnv()): readonly FlawName[] {
  if (!labMode(env)) return [];
  return judging().getStore() ?? (globalThis as SwitchHolder)[SWITCHES] ?? startingFlaws(env);
}

/**
 * The lab's second opinion: what a decision would have been with only `flaws` on. The score
 * board (lib/lab/outcomes.ts) asks it which defense an attack met. Only the code `decide` runs
 * sees the other switches; every other request meanwhile sees the real ones.
 */
export function judgedWith<T>(flaws: readonly FlawName[], decide: () => T): T {
  return judging().run(flaws, decide);
}

/** True when the trainer switched this defense off. */
export function flawOn(name: FlawName, env: ServerEnv = serverEnv()): boolean {
  return activeFlaws(env).includes(name);
}
