-- AlterTable
ALTER TABLE "Session" DROP COLUMN "tierReached",
ADD COLUMN     "openTier" TEXT NOT NULL DEFAULT 'high';
