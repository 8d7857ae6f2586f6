-- CreateTable
CREATE TABLE "TransferRequest" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "fromAccountId" TEXT NOT NULL,
    "toAccountNumber" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "memo" TEXT,
    "transferId" TEXT,
    "refusal" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TransferRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "TransferRequest_transferId_key" ON "TransferRequest"("transferId");

-- CreateIndex
CREATE UNIQUE INDEX "TransferRequest_userId_idempotencyKey_key" ON "TransferRequest"("userId", "idempotencyKey");
