-- CreateIndex
CREATE INDEX "ProvisioningEvent_access_idx" ON "ProvisioningEvent"("appId", "userId", "at", "id", "outcome", "action", "subjectType");

