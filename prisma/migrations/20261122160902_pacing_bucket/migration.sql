-- CreateTable
CREATE TABLE "PacingBucket" (
    "appId" TEXT NOT NULL PRIMARY KEY,
    "tokens" REAL NOT NULL,
    "refilledAt" DATETIME NOT NULL,
    "pausedUntil" DATETIME,
    CONSTRAINT "PacingBucket_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ProvisioningJob_appId_status_nextAttemptAt_idx" ON "ProvisioningJob"("appId", "status", "nextAttemptAt");

