-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "credentialGeneration" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "credentialGeneration" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "generationEndReason" TEXT;
