-- CreateTable
CREATE TABLE "PacingBucket" (
    "appId" TEXT NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "refilledAt" TIMESTAMP(3) NOT NULL,
    "pausedUntil" TIMESTAMP(3),

    CONSTRAINT "PacingBucket_pkey" PRIMARY KEY ("appId")
);

-- CreateIndex
CREATE INDEX "ProvisioningJob_appId_status_nextAttemptAt_idx" ON "ProvisioningJob"("appId", "status", "nextAttemptAt");

-- AddForeignKey
ALTER TABLE "PacingBucket" ADD CONSTRAINT "PacingBucket_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;

