-- AlterTable
ALTER TABLE "SecurityEvent" ADD COLUMN     "aggregateKey" TEXT,
ADD COLUMN     "count" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateIndex
CREATE UNIQUE INDEX "SecurityEvent_aggregateKey_key" ON "SecurityEvent"("aggregateKey");

-- CreateIndex
CREATE INDEX "SecurityEvent_lastSeenAt_idx" ON "SecurityEvent"("lastSeenAt");

-- Rows written before aggregation were each seen once, when created.
UPDATE "SecurityEvent" SET "lastSeenAt" = "createdAt";
