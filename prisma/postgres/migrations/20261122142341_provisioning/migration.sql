-- CreateTable
CREATE TABLE "App" (
    "id" TEXT NOT NULL,
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
    "verifiedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "App_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Policy" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "loginMethod" TEXT NOT NULL DEFAULT '',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "approvalRule" TEXT NOT NULL DEFAULT 'none',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Policy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PolicyGroup" (
    "policyId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,

    CONSTRAINT "PolicyGroup_pkey" PRIMARY KEY ("policyId","groupId")
);

-- CreateTable
CREATE TABLE "AppAccount" (
    "id" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "remoteId" TEXT,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "lastPushed" TEXT,
    "lastPushedHash" TEXT,
    "lastSyncAt" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AppAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AppGroup" (
    "id" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "remoteId" TEXT,
    "displayName" TEXT NOT NULL DEFAULT '',
    "lastMembers" TEXT NOT NULL DEFAULT '[]',
    "lastSyncAt" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AppGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProvisioningJob" (
    "id" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "subjectLabel" TEXT NOT NULL DEFAULT '',
    "operation" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "causedBy" TEXT NOT NULL DEFAULT 'system',
    "approvalId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProvisioningJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProvisioningEvent" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
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

    CONSTRAINT "ProvisioningEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "App_nameKey_key" ON "App"("nameKey");

-- CreateIndex
CREATE UNIQUE INDEX "Policy_nameKey_key" ON "Policy"("nameKey");

-- CreateIndex
CREATE INDEX "Policy_appId_idx" ON "Policy"("appId");

-- CreateIndex
CREATE INDEX "PolicyGroup_groupId_idx" ON "PolicyGroup"("groupId");

-- CreateIndex
CREATE INDEX "AppAccount_appId_state_idx" ON "AppAccount"("appId", "state");

-- CreateIndex
CREATE INDEX "AppAccount_userId_idx" ON "AppAccount"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "AppAccount_appId_userId_key" ON "AppAccount"("appId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "AppGroup_appId_groupId_key" ON "AppGroup"("appId", "groupId");

-- CreateIndex
CREATE INDEX "ProvisioningJob_status_nextAttemptAt_idx" ON "ProvisioningJob"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "ProvisioningJob_appId_subjectType_subjectId_status_idx" ON "ProvisioningJob"("appId", "subjectType", "subjectId", "status");

-- CreateIndex
CREATE INDEX "ProvisioningEvent_at_idx" ON "ProvisioningEvent"("at");

-- CreateIndex
CREATE INDEX "ProvisioningEvent_appId_at_idx" ON "ProvisioningEvent"("appId", "at");

-- CreateIndex
CREATE INDEX "ProvisioningEvent_userId_at_idx" ON "ProvisioningEvent"("userId", "at");

-- CreateIndex
CREATE INDEX "ProvisioningEvent_jobId_idx" ON "ProvisioningEvent"("jobId");

-- CreateIndex
CREATE INDEX "User_department_idx" ON "User"("department");

-- AddForeignKey
ALTER TABLE "Policy" ADD CONSTRAINT "Policy_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PolicyGroup" ADD CONSTRAINT "PolicyGroup_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "Policy"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PolicyGroup" ADD CONSTRAINT "PolicyGroup_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AppAccount" ADD CONSTRAINT "AppAccount_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AppAccount" ADD CONSTRAINT "AppAccount_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AppGroup" ADD CONSTRAINT "AppGroup_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AppGroup" ADD CONSTRAINT "AppGroup_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProvisioningJob" ADD CONSTRAINT "ProvisioningJob_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;

