// The LabFlaw model is fenced in both schemas like any other lab code; its table needs a
// migration to go from databases that already have it. Written the way `prisma migrate diff`
// writes a dropped table, under one folder name in both migrations folders (as
// `npm run db:migration` does, and prisma/schema-drift.test.ts checks).
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DROP_MIGRATION_NAME, LAB_MODEL } from "./plan";

const KINDS = ["sqlite", "postgres"] as const;

const DROP_SQL = `/*
  Warnings:

  - You are about to drop the \`${LAB_MODEL}\` table. If the table is not empty, all the data it contains will be lost.

*/
-- DropTable
DROP TABLE "${LAB_MODEL}";
`;

/** Writes the drop migration in both folders; returns the folder name. */
export function writeDropMigration(root: string, now: Date = new Date()): string {
  const latest =
    KINDS.flatMap((kind) => migrationFolders(root, kind))
      .sort()
      .at(-1) ?? "";
  const name = `${timestampAfter(latest, now)}_${DROP_MIGRATION_NAME}`;
  for (const kind of KINDS) {
    const dir = path.join(root, "prisma", kind, "migrations", name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "migration.sql"), DROP_SQL);
  }
  return name;
}

function migrationFolders(root: string, kind: string): string[] {
  return readdirSync(path.join(root, "prisma", kind, "migrations"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
}

// Prisma applies migrations in name order: the new one must sort after the latest even when
// this machine's clock is behind the one that named it.
function timestampAfter(latest: string, now: Date): string {
  const stamp = (date: Date) => date.toISOString().replace(/\D/g, "").slice(0, 14);
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})/.exec(latest);
  if (!match) return stamp(now);
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  const afterLatest = new Date(Date.UTC(y!, mo! - 1, d, h, mi, s! + 1));
  return stamp(afterLatest > now ? afterLatest : now);
}
