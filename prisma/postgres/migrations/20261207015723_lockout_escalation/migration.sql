-- AlterTable
ALTER TABLE "SignInFailure" ADD COLUMN     "network" TEXT;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "lockedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "SignInFailure_network_createdAt_idx" ON "SignInFailure"("network", "createdAt");
