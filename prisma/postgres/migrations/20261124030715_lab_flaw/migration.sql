-- CreateTable
CREATE TABLE "LabFlaw" (
    "name" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LabFlaw_pkey" PRIMARY KEY ("name")
);
