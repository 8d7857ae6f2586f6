-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "clientType" TEXT NOT NULL DEFAULT 'web',
    "familyId" TEXT NOT NULL,
    "rotatedFromId" TEXT,
    "rotatedReason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "authenticatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "credentialGeneration" INTEGER NOT NULL DEFAULT 0,
    "stepUpFailures" INTEGER NOT NULL DEFAULT 0,
    "openTier" TEXT NOT NULL DEFAULT 'high',
    "elevatedAt" DATETIME,
    "expiresAt" DATETIME NOT NULL,
    "endedAt" DATETIME,
    "endReason" TEXT,
    "userAgent" TEXT,
    "ip" TEXT,
    CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Session" ("authenticatedAt", "clientType", "createdAt", "elevatedAt", "endReason", "endedAt", "expiresAt", "familyId", "id", "ip", "lastSeenAt", "openTier", "rotatedFromId", "rotatedReason", "stepUpFailures", "tokenHash", "userAgent", "userId") SELECT "authenticatedAt", "clientType", "createdAt", "elevatedAt", "endReason", "endedAt", "expiresAt", "familyId", "id", "ip", "lastSeenAt", "openTier", "rotatedFromId", "rotatedReason", "stepUpFailures", "tokenHash", "userAgent", "userId" FROM "Session";
DROP TABLE "Session";
ALTER TABLE "new_Session" RENAME TO "Session";
CREATE UNIQUE INDEX "Session_tokenHash_key" ON "Session"("tokenHash");
CREATE INDEX "Session_userId_endedAt_idx" ON "Session"("userId", "endedAt");
CREATE INDEX "Session_familyId_idx" ON "Session"("familyId");
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'customer',
    "disabledAt" DATETIME,
    "passwordChangedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "credentialGeneration" INTEGER NOT NULL DEFAULT 0,
    "generationEndReason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_User" ("createdAt", "disabledAt", "email", "id", "name", "passwordChangedAt", "passwordHash", "role") SELECT "createdAt", "disabledAt", "email", "id", "name", "passwordChangedAt", "passwordHash", "role" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
