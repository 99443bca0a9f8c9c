-- AlterTable
ALTER TABLE "Opportunity" ADD COLUMN "channel" TEXT NOT NULL DEFAULT 'CALL';

-- DropIndex
DROP INDEX "Opportunity_assigneeId_status_holdout_runId_priority_expectedValue_contactableAfter_idx";

-- DropIndex
DROP INDEX "Opportunity_assigneeId_status_holdout_runId_priority_probability_contactableAfter_idx";

-- CreateIndex
CREATE INDEX "Opportunity_queue_expectedValue_idx" ON "Opportunity"("assigneeId", "status", "holdout", "runId", "channel", "priority", "expectedValue" DESC, "contactableAfter");

-- CreateIndex
CREATE INDEX "Opportunity_queue_probability_idx" ON "Opportunity"("assigneeId", "status", "holdout", "runId", "channel", "priority", "probability" DESC, "contactableAfter");
