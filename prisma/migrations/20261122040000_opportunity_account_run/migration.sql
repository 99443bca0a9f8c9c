-- CreateIndex
CREATE INDEX "Opportunity_accountId_runId_idx" ON "Opportunity"("accountId", "runId");

