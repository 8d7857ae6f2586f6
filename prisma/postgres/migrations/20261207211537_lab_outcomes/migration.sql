-- AlterTable
ALTER TABLE "LabFlaw" ADD COLUMN     "blockedCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "exploitedCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "lastOutcome" TEXT,
ADD COLUMN     "lastOutcomeAt" TIMESTAMP(3),
ADD COLUMN     "lastOutcomeWhy" TEXT;
