-- AlterTable
ALTER TABLE "Account" ADD COLUMN "lastReachedAt" DATETIME;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Opportunity" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "pairId" TEXT,
    "assigneeId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "probability" REAL NOT NULL,
    "expectedValue" REAL NOT NULL,
    "reason" JSONB NOT NULL,
    "reasonText" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "priority" INTEGER NOT NULL DEFAULT 1,
    "holdout" BOOLEAN NOT NULL DEFAULT false,
    "snoozedUntil" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastContactAt" DATETIME,
    "lostReason" TEXT,
    "wonAmountCents" INTEGER,
    "closedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Opportunity_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ScoringRun" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Opportunity_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Opportunity_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Opportunity_pairId_fkey" FOREIGN KEY ("pairId") REFERENCES "ProductPair" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Opportunity_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Opportunity" ("accountId", "assigneeId", "attempts", "closedAt", "createdAt", "expectedValue", "holdout", "id", "lastContactAt", "lostReason", "pairId", "probability", "productId", "rank", "reason", "reasonText", "runId", "snoozedUntil", "status", "updatedAt", "version", "wonAmountCents") SELECT "accountId", "assigneeId", "attempts", "closedAt", "createdAt", "expectedValue", "holdout", "id", "lastContactAt", "lostReason", "pairId", "probability", "productId", "rank", "reason", "reasonText", "runId", "snoozedUntil", "status", "updatedAt", "version", "wonAmountCents" FROM "Opportunity";
DROP TABLE "Opportunity";
ALTER TABLE "new_Opportunity" RENAME TO "Opportunity";
CREATE INDEX "Opportunity_assigneeId_status_priority_expectedValue_idx" ON "Opportunity"("assigneeId", "status", "priority", "expectedValue");
CREATE INDEX "Opportunity_accountId_status_idx" ON "Opportunity"("accountId", "status");
CREATE INDEX "Opportunity_runId_holdout_idx" ON "Opportunity"("runId", "holdout");
CREATE INDEX "Opportunity_productId_status_idx" ON "Opportunity"("productId", "status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

