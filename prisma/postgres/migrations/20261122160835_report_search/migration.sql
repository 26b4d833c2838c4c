-- AlterTable
ALTER TABLE "ProvisioningEvent" ADD COLUMN     "userSearch" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "ProvisioningEvent_appName_at_idx" ON "ProvisioningEvent"("appName", "at");

-- CreateIndex
CREATE INDEX "ProvisioningEvent_at_outcome_idx" ON "ProvisioningEvent"("at", "outcome");


-- Events written before the column existed are found by their identifier.
UPDATE "ProvisioningEvent" SET "userSearch" = lower("userIdentifier");
