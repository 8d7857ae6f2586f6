// What `npm run lab:strip` removes outright: the lab's own files and folders, its package.json
// scripts, and the strings that must be gone from every file afterwards. Everything the lab
// shares with the bank is marked in place instead (`// LAB ONLY` … `// END LAB ONLY`, and a
// `flawOn(...)` branch at each defense), so this list only names what is the lab's alone.

/** Deleted whole (a folder with everything in it). */
export const LAB_PATHS: readonly string[] = [
  "lib/lab/",
  "app/lab/",
  "components/lab-banner.tsx",
  "components/lab-time-travel.ts",
  "components/lab-leak-button.tsx",
  "app/session/time-travel/",
  "lib/session/session-in-url.ts",
  "scripts/lab.ts",
  "scripts/attacker-site.ts",
  "scripts/attacker-site.test.ts",
  "scripts/test-flaws.ts",
  "e2e/attacks/",
  "e2e/lab-console.spec.ts",
  "e2e/lab-access.spec.ts",
  "e2e/lab-score-board.spec.ts",
  "e2e/lab-score-board-limits.spec.ts",
  "e2e/lab-score-board-browser.spec.ts",
  "e2e/support/lab-class.ts",
  "docs/trainer-guide.md",
  "docs/screenshots/lab.png",
  "docs/screenshots/lab-flaw.png",
  // The stripper goes with the lab: it has nothing left to strip.
  "scripts/strip-lab.ts",
  "scripts/strip-lab.test.ts",
  "scripts/strip-lab/",
];

/** Markdown table columns that only the lab fills (docs/threat-model.md's). */
export const LAB_COLUMNS: readonly string[] = ["Lab flaw and attack"];

/** package.json scripts that only the lab runs. */
export const LAB_SCRIPTS: readonly string[] = ["lab", "test:flaws", "lab:strip"];

/** The Prisma model of the lab's switches, and the migration folder name that drops its table. */
export const LAB_MODEL = "LabFlaw";
export const DROP_MIGRATION_NAME = "remove_lab";

/** Anything of the lab a stripped tree must not contain (checked in every remaining text file). */
export const LEFTOVERS: readonly { pattern: RegExp; what: string }[] = [
  { pattern: /\bflawOn\b/, what: "a flawOn call" },
  { pattern: /lib\/lab\b|\.\/lab\//, what: "a path into lib/lab" },
  { pattern: /(^|[^A-Za-z])LAB_[A-Z]/, what: "a LAB_ variable" },
  { pattern: /\bLabFlaw\b|\blabFlaw\b/, what: "the LabFlaw model" },
  { pattern: /LAB ONLY/, what: "a LAB ONLY marker" },
  { pattern: /LAB FLAW/, what: "a LAB FLAW comment" },
];
