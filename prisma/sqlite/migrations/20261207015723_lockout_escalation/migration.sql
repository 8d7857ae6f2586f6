-- AlterTable
ALTER TABLE "SignInFailure" ADD COLUMN "network" TEXT;

-- AlterTable
ALTER TABLE "User" ADD COLUMN "lockedAt" DATETIME;

-- CreateIndex
CREATE INDEX "SignInFailure_network_createdAt_idx" ON "SignInFailure"("network", "createdAt");
