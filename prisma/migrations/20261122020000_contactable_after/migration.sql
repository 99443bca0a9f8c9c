-- DropIndex
DROP INDEX "Opportunity_assigneeId_status_priority_expectedValue_idx";

-- AlterTable
ALTER TABLE "Opportunity" ADD COLUMN "contactableAfter" DATETIME;

-- CreateIndex
CREATE INDEX "Opportunity_assigneeId_status_holdout_runId_priority_expectedValue_contactableAfter_idx" ON "Opportunity"("assigneeId", "status", "holdout", "runId", "priority", "expectedValue" DESC, "contactableAfter");

-- CreateIndex
CREATE INDEX "Opportunity_assigneeId_status_holdout_runId_priority_probability_contactableAfter_idx" ON "Opportunity"("assigneeId", "status", "holdout", "runId", "priority", "probability" DESC, "contactableAfter");

