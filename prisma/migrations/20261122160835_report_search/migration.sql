-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ProvisioningEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "appId" TEXT,
    "appName" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL DEFAULT 'user',
    "userId" TEXT,
    "userIdentifier" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "httpStatus" INTEGER,
    "scimType" TEXT,
    "message" TEXT NOT NULL,
    "durationMs" INTEGER,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "jobId" TEXT,
    "approvalId" TEXT,
    "causedBy" TEXT NOT NULL DEFAULT 'system',
    "detail" TEXT,
    "userSearch" TEXT NOT NULL DEFAULT ''
);
INSERT INTO "new_ProvisioningEvent" ("action", "appId", "appName", "approvalId", "at", "attempt", "causedBy", "detail", "durationMs", "httpStatus", "id", "jobId", "message", "outcome", "scimType", "subjectType", "userId", "userIdentifier") SELECT "action", "appId", "appName", "approvalId", "at", "attempt", "causedBy", "detail", "durationMs", "httpStatus", "id", "jobId", "message", "outcome", "scimType", "subjectType", "userId", "userIdentifier" FROM "ProvisioningEvent";
DROP TABLE "ProvisioningEvent";
ALTER TABLE "new_ProvisioningEvent" RENAME TO "ProvisioningEvent";
CREATE INDEX "ProvisioningEvent_at_idx" ON "ProvisioningEvent"("at");
CREATE INDEX "ProvisioningEvent_appId_at_idx" ON "ProvisioningEvent"("appId", "at");
CREATE INDEX "ProvisioningEvent_userId_at_idx" ON "ProvisioningEvent"("userId", "at");
CREATE INDEX "ProvisioningEvent_jobId_idx" ON "ProvisioningEvent"("jobId");
CREATE INDEX "ProvisioningEvent_appName_at_idx" ON "ProvisioningEvent"("appName", "at");
CREATE INDEX "ProvisioningEvent_at_outcome_idx" ON "ProvisioningEvent"("at", "outcome");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- Events written before the column existed are found by their identifier.
UPDATE "ProvisioningEvent" SET "userSearch" = lower("userIdentifier");
