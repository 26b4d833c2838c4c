-- AlterTable
ALTER TABLE "App" ADD COLUMN     "adoptAttributes" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "brakeEnabled" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "brakeMinimum" INTEGER NOT NULL DEFAULT 10,
ADD COLUMN     "brakePercent" INTEGER NOT NULL DEFAULT 20,
ADD COLUMN     "connectedAt" TIMESTAMP(3),
ADD COLUMN     "connectedBy" TEXT,
ADD COLUMN     "connectionInfo" TEXT,
ADD COLUMN     "lastReconciledAt" TIMESTAMP(3),
ADD COLUMN     "maxConcurrency" INTEGER,
ADD COLUMN     "oauthClientSecretEnc" TEXT,
ADD COLUMN     "oauthConfig" TEXT,
ADD COLUMN     "quarantinedAt" TIMESTAMP(3),
ADD COLUMN     "rateLimitBurst" INTEGER,
ADD COLUMN     "rateLimitPerMinute" INTEGER,
ADD COLUMN     "reconcileIntervalHours" INTEGER NOT NULL DEFAULT 24,
ADD COLUMN     "tokenExpiresAt" TIMESTAMP(3),
ADD COLUMN     "tokenRefreshedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ProvisioningJob" ADD COLUMN     "holdId" TEXT,
ADD COLUMN     "payload" TEXT;

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "ProvisioningHold" (
    "id" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "operationCount" INTEGER NOT NULL,
    "threshold" INTEGER NOT NULL,
    "causedBy" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProvisioningHold_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReconciliationRun" (
    "id" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "triggeredBy" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "total" INTEGER NOT NULL DEFAULT 0,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "summary" TEXT NOT NULL DEFAULT '{}',
    "error" TEXT,
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReconciliationRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncConflict" (
    "id" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "runId" TEXT,
    "userId" TEXT,
    "userLabel" TEXT NOT NULL,
    "candidates" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "resolvedBy" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SyncConflict_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OAuthState" (
    "id" TEXT NOT NULL,
    "stateHash" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "adminId" TEXT NOT NULL,
    "flow" TEXT NOT NULL,
    "redirectUri" TEXT NOT NULL,
    "codeVerifierEnc" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OAuthState_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApprovalRule" (
    "id" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "policyId" TEXT,
    "operations" TEXT NOT NULL DEFAULT '[]',
    "bulkThreshold" INTEGER,
    "channel" TEXT,
    "timeoutHours" INTEGER NOT NULL DEFAULT 72,
    "twoApproversForDelete" BOOLEAN NOT NULL DEFAULT false,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ApprovalRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApprovalRequest" (
    "id" TEXT NOT NULL,
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
    "decidedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "channel" TEXT,
    "messageTs" TEXT,
    "postState" TEXT NOT NULL DEFAULT 'pending',
    "postAttempts" INTEGER NOT NULL DEFAULT 0,
    "nextPostAt" TIMESTAMP(3),
    "postError" TEXT,
    "updatePending" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ApprovalRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApprovalDecision" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "adminId" TEXT,
    "approverEmail" TEXT NOT NULL,
    "slackUserId" TEXT,
    "decision" TEXT NOT NULL,
    "via" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApprovalDecision_pkey" PRIMARY KEY ("id")
);

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

-- AddForeignKey
ALTER TABLE "ProvisioningHold" ADD CONSTRAINT "ProvisioningHold_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReconciliationRun" ADD CONSTRAINT "ReconciliationRun_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncConflict" ADD CONSTRAINT "SyncConflict_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OAuthState" ADD CONSTRAINT "OAuthState_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalRule" ADD CONSTRAINT "ApprovalRule_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalDecision" ADD CONSTRAINT "ApprovalDecision_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ApprovalRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

