-- AlterTable
ALTER TABLE "ProvisioningJob" ADD COLUMN "holdId" TEXT;
ALTER TABLE "ProvisioningJob" ADD COLUMN "payload" TEXT;

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "updatedBy" TEXT
);

-- CreateTable
CREATE TABLE "ProvisioningHold" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "appId" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "operationCount" INTEGER NOT NULL,
    "threshold" INTEGER NOT NULL,
    "causedBy" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "decidedBy" TEXT,
    "decidedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProvisioningHold_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReconciliationRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "appId" TEXT NOT NULL,
    "triggeredBy" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "total" INTEGER NOT NULL DEFAULT 0,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "summary" TEXT NOT NULL DEFAULT '{}',
    "error" TEXT,
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReconciliationRun_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SyncConflict" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "appId" TEXT NOT NULL,
    "runId" TEXT,
    "userId" TEXT,
    "userLabel" TEXT NOT NULL,
    "candidates" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "resolvedBy" TEXT,
    "resolvedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SyncConflict_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OAuthState" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "stateHash" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "adminId" TEXT NOT NULL,
    "flow" TEXT NOT NULL,
    "redirectUri" TEXT NOT NULL,
    "codeVerifierEnc" TEXT,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OAuthState_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ApprovalRule" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "appId" TEXT NOT NULL,
    "policyId" TEXT,
    "operations" TEXT NOT NULL DEFAULT '[]',
    "bulkThreshold" INTEGER,
    "channel" TEXT,
    "timeoutHours" INTEGER NOT NULL DEFAULT 72,
    "twoApproversForDelete" BOOLEAN NOT NULL DEFAULT false,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ApprovalRule_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ApprovalRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "appId" TEXT,
    "appName" TEXT NOT NULL,
    "ruleId" TEXT,
    "summary" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "subjectCount" INTEGER NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '{}',
    "requestedBy" TEXT NOT NULL,
    "requiredApprovals" INTEGER NOT NULL DEFAULT 1,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "decidedBy" TEXT,
    "decidedAt" DATETIME,
    "expiresAt" DATETIME NOT NULL,
    "channel" TEXT,
    "messageTs" TEXT,
    "postState" TEXT NOT NULL DEFAULT 'pending',
    "postAttempts" INTEGER NOT NULL DEFAULT 0,
    "nextPostAt" DATETIME,
    "postError" TEXT,
    "updatePending" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ApprovalDecision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "requestId" TEXT NOT NULL,
    "adminId" TEXT,
    "approverEmail" TEXT NOT NULL,
    "slackUserId" TEXT,
    "decision" TEXT NOT NULL,
    "via" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ApprovalDecision_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ApprovalRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_App" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "baseUrl" TEXT NOT NULL,
    "credentialKind" TEXT NOT NULL DEFAULT 'bearer',
    "credentialsEnc" TEXT,
    "credentialsHint" TEXT,
    "features" TEXT NOT NULL DEFAULT '{}',
    "deprovisionMode" TEXT NOT NULL DEFAULT 'deactivate',
    "mapping" TEXT NOT NULL DEFAULT '[]',
    "capabilities" TEXT,
    "health" TEXT NOT NULL DEFAULT 'unverified',
    "healthMessage" TEXT,
    "verifiedAt" DATETIME,
    "quarantinedAt" DATETIME,
    "rateLimitPerMinute" INTEGER,
    "rateLimitBurst" INTEGER,
    "maxConcurrency" INTEGER,
    "brakeEnabled" BOOLEAN NOT NULL DEFAULT true,
    "brakePercent" INTEGER NOT NULL DEFAULT 20,
    "brakeMinimum" INTEGER NOT NULL DEFAULT 10,
    "reconcileIntervalHours" INTEGER NOT NULL DEFAULT 24,
    "lastReconciledAt" DATETIME,
    "adoptAttributes" TEXT NOT NULL DEFAULT '[]',
    "oauthConfig" TEXT,
    "oauthClientSecretEnc" TEXT,
    "connectionInfo" TEXT,
    "connectedBy" TEXT,
    "connectedAt" DATETIME,
    "tokenExpiresAt" DATETIME,
    "tokenRefreshedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_App" ("baseUrl", "capabilities", "createdAt", "credentialKind", "credentialsEnc", "credentialsHint", "deprovisionMode", "features", "health", "healthMessage", "id", "kind", "mapping", "name", "nameKey", "updatedAt", "verifiedAt") SELECT "baseUrl", "capabilities", "createdAt", "credentialKind", "credentialsEnc", "credentialsHint", "deprovisionMode", "features", "health", "healthMessage", "id", "kind", "mapping", "name", "nameKey", "updatedAt", "verifiedAt" FROM "App";
DROP TABLE "App";
ALTER TABLE "new_App" RENAME TO "App";
CREATE UNIQUE INDEX "App_nameKey_key" ON "App"("nameKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ProvisioningHold_appId_status_idx" ON "ProvisioningHold"("appId", "status");

-- CreateIndex
CREATE INDEX "ReconciliationRun_appId_createdAt_idx" ON "ReconciliationRun"("appId", "createdAt");

-- CreateIndex
CREATE INDEX "ReconciliationRun_status_idx" ON "ReconciliationRun"("status");

-- CreateIndex
CREATE INDEX "SyncConflict_appId_status_idx" ON "SyncConflict"("appId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "OAuthState_stateHash_key" ON "OAuthState"("stateHash");

-- CreateIndex
CREATE INDEX "OAuthState_expiresAt_idx" ON "OAuthState"("expiresAt");

-- CreateIndex
CREATE INDEX "ApprovalRule_appId_idx" ON "ApprovalRule"("appId");

-- CreateIndex
CREATE INDEX "ApprovalRequest_status_expiresAt_idx" ON "ApprovalRequest"("status", "expiresAt");

-- CreateIndex
CREATE INDEX "ApprovalRequest_postState_nextPostAt_idx" ON "ApprovalRequest"("postState", "nextPostAt");

-- CreateIndex
CREATE INDEX "ApprovalRequest_createdAt_idx" ON "ApprovalRequest"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApprovalDecision_requestId_approverEmail_key" ON "ApprovalDecision"("requestId", "approverEmail");

-- CreateIndex
CREATE INDEX "ProvisioningJob_approvalId_idx" ON "ProvisioningJob"("approvalId");

-- CreateIndex
CREATE INDEX "ProvisioningJob_holdId_idx" ON "ProvisioningJob"("holdId");

