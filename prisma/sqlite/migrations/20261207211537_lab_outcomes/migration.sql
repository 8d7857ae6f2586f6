-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_LabFlaw" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "enabled" BOOLEAN NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "lastOutcome" TEXT,
    "lastOutcomeWhy" TEXT,
    "lastOutcomeAt" DATETIME,
    "exploitedCount" INTEGER NOT NULL DEFAULT 0,
    "blockedCount" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "new_LabFlaw" ("enabled", "name", "updatedAt") SELECT "enabled", "name", "updatedAt" FROM "LabFlaw";
DROP TABLE "LabFlaw";
ALTER TABLE "new_LabFlaw" RENAME TO "LabFlaw";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
