-- CreateTable
CREATE TABLE "Team" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "teamId" TEXT,
    "passwordHash" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "failedLoginCount" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" DATETIME,
    "lastLoginAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "User_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Account" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "externalId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "searchName" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "contactName" TEXT NOT NULL,
    "phone" TEXT,
    "email" TEXT,
    "industry" TEXT,
    "region" TEXT NOT NULL,
    "city" TEXT,
    "doNotContact" BOOLEAN NOT NULL DEFAULT false,
    "phoneConsent" BOOLEAN NOT NULL DEFAULT false,
    "emailConsent" BOOLEAN NOT NULL DEFAULT false,
    "orderCount" INTEGER NOT NULL DEFAULT 0,
    "revenueCents" INTEGER NOT NULL DEFAULT 0,
    "firstOrderAt" DATETIME,
    "lastOrderAt" DATETIME,
    "segment" TEXT,
    "clv" REAL,
    "pAlive" REAL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Account_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Product" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sku" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "priceCents" INTEGER NOT NULL,
    "unitCostCents" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "regulated" BOOLEAN NOT NULL DEFAULT false,
    "description" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Order" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orderNumber" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "orderedAt" DATETIME NOT NULL,
    "channel" TEXT NOT NULL DEFAULT 'web',
    "totalCents" INTEGER NOT NULL,
    CONSTRAINT "Order_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OrderLine" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orderId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "orderedAt" DATETIME NOT NULL,
    "productId" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unitPriceCents" INTEGER NOT NULL,
    "returnedQuantity" INTEGER NOT NULL DEFAULT 0,
    "opportunityId" TEXT,
    CONSTRAINT "OrderLine_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "OrderLine_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "OrderLine_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "OrderLine_opportunityId_fkey" FOREIGN KEY ("opportunityId") REFERENCES "Opportunity" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProductPair" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sourceProductId" TEXT NOT NULL,
    "targetProductId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "bundleDiscountPct" REAL,
    "talkingPoints" TEXT NOT NULL,
    "objectionHandling" TEXT NOT NULL,
    "windowMinDays" INTEGER NOT NULL DEFAULT 0,
    "windowMaxDays" INTEGER NOT NULL DEFAULT 90,
    "eligibleSegments" JSONB NOT NULL,
    "origin" TEXT NOT NULL DEFAULT 'MANUAL',
    "minedRuleId" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "suppressed" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ProductPair_sourceProductId_fkey" FOREIGN KEY ("sourceProductId") REFERENCES "Product" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ProductPair_targetProductId_fkey" FOREIGN KEY ("targetProductId") REFERENCES "Product" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ProductPair_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MinedRule" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "antecedentKey" TEXT NOT NULL,
    "consequentKey" TEXT NOT NULL,
    "antecedentIds" JSONB NOT NULL,
    "consequentIds" JSONB NOT NULL,
    "support" REAL NOT NULL,
    "confidence" REAL NOT NULL,
    "lift" REAL NOT NULL,
    "leverage" REAL NOT NULL,
    "conviction" REAL,
    "count" INTEGER NOT NULL,
    "antecedentCount" INTEGER NOT NULL,
    "windowDays" INTEGER,
    "medianLagDays" REAL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "reviewedById" TEXT,
    "reviewedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MinedRule_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ScoringRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MinedRule_reviewedById_fkey" FOREIGN KEY ("reviewedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AccountMetrics" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "recencyDays" INTEGER NOT NULL,
    "frequency" INTEGER NOT NULL,
    "monetary" REAL NOT NULL,
    "r" INTEGER NOT NULL,
    "f" INTEGER NOT NULL,
    "m" INTEGER NOT NULL,
    "segment" TEXT NOT NULL,
    "historicClv" REAL NOT NULL,
    "predictedClv" REAL,
    "clv" REAL NOT NULL,
    "clvMethod" TEXT NOT NULL,
    "clvTier" TEXT NOT NULL,
    "pAlive" REAL,
    "expectedPurchases" REAL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AccountMetrics_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ScoringRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AccountMetrics_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Opportunity" (
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

-- CreateTable
CREATE TABLE "Activity" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "idempotencyKey" TEXT NOT NULL,
    "opportunityId" TEXT,
    "accountId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "declineReason" TEXT,
    "notes" TEXT,
    "followUpAt" DATETIME,
    "wonAmountCents" INTEGER,
    "suitabilityNote" TEXT,
    "durationSeconds" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Activity_opportunityId_fkey" FOREIGN KEY ("opportunityId") REFERENCES "Opportunity" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Activity_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Activity_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ScoringRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "status" TEXT NOT NULL DEFAULT 'RUNNING',
    "active" BOOLEAN NOT NULL DEFAULT false,
    "stage" TEXT NOT NULL DEFAULT 'starting',
    "progress" REAL NOT NULL DEFAULT 0,
    "parameters" JSONB NOT NULL,
    "counts" JSONB,
    "timings" JSONB,
    "error" TEXT,
    "triggeredById" TEXT,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    CONSTRAINT "ScoringRun_triggeredById_fkey" FOREIGN KEY ("triggeredById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" JSONB NOT NULL,
    "updatedById" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT,
    "details" JSONB,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AuditLog_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Team_name_key" ON "Team"("name");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "User_teamId_role_idx" ON "User"("teamId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "Account_externalId_key" ON "Account"("externalId");

-- CreateIndex
CREATE INDEX "Account_ownerId_searchName_idx" ON "Account"("ownerId", "searchName");

-- CreateIndex
CREATE INDEX "Account_searchName_idx" ON "Account"("searchName");

-- CreateIndex
CREATE INDEX "Account_ownerId_lastOrderAt_idx" ON "Account"("ownerId", "lastOrderAt");

-- CreateIndex
CREATE INDEX "Account_segment_idx" ON "Account"("segment");

-- CreateIndex
CREATE INDEX "Account_region_idx" ON "Account"("region");

-- CreateIndex
CREATE UNIQUE INDEX "Product_sku_key" ON "Product"("sku");

-- CreateIndex
CREATE INDEX "Product_category_idx" ON "Product"("category");

-- CreateIndex
CREATE UNIQUE INDEX "Order_orderNumber_key" ON "Order"("orderNumber");

-- CreateIndex
CREATE INDEX "Order_accountId_orderedAt_idx" ON "Order"("accountId", "orderedAt");

-- CreateIndex
CREATE INDEX "Order_orderedAt_idx" ON "Order"("orderedAt");

-- CreateIndex
CREATE INDEX "OrderLine_accountId_orderedAt_idx" ON "OrderLine"("accountId", "orderedAt");

-- CreateIndex
CREATE INDEX "OrderLine_orderId_idx" ON "OrderLine"("orderId");

-- CreateIndex
CREATE INDEX "OrderLine_productId_orderedAt_idx" ON "OrderLine"("productId", "orderedAt");

-- CreateIndex
CREATE INDEX "OrderLine_opportunityId_idx" ON "OrderLine"("opportunityId");

-- CreateIndex
CREATE INDEX "ProductPair_targetProductId_idx" ON "ProductPair"("targetProductId");

-- CreateIndex
CREATE UNIQUE INDEX "ProductPair_sourceProductId_targetProductId_key" ON "ProductPair"("sourceProductId", "targetProductId");

-- CreateIndex
CREATE INDEX "MinedRule_runId_kind_lift_idx" ON "MinedRule"("runId", "kind", "lift");

-- CreateIndex
CREATE INDEX "MinedRule_antecedentKey_consequentKey_idx" ON "MinedRule"("antecedentKey", "consequentKey");

-- CreateIndex
CREATE INDEX "AccountMetrics_accountId_idx" ON "AccountMetrics"("accountId");

-- CreateIndex
CREATE INDEX "AccountMetrics_runId_segment_idx" ON "AccountMetrics"("runId", "segment");

-- CreateIndex
CREATE UNIQUE INDEX "AccountMetrics_runId_accountId_key" ON "AccountMetrics"("runId", "accountId");

-- CreateIndex
CREATE INDEX "Opportunity_assigneeId_status_expectedValue_idx" ON "Opportunity"("assigneeId", "status", "expectedValue");

-- CreateIndex
CREATE INDEX "Opportunity_accountId_status_idx" ON "Opportunity"("accountId", "status");

-- CreateIndex
CREATE INDEX "Opportunity_runId_holdout_idx" ON "Opportunity"("runId", "holdout");

-- CreateIndex
CREATE INDEX "Opportunity_productId_status_idx" ON "Opportunity"("productId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Activity_idempotencyKey_key" ON "Activity"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Activity_accountId_createdAt_idx" ON "Activity"("accountId", "createdAt");

-- CreateIndex
CREATE INDEX "Activity_userId_createdAt_idx" ON "Activity"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "Activity_opportunityId_idx" ON "Activity"("opportunityId");

-- CreateIndex
CREATE INDEX "ScoringRun_status_idx" ON "ScoringRun"("status");

-- CreateIndex
CREATE INDEX "ScoringRun_active_idx" ON "ScoringRun"("active");

-- CreateIndex
CREATE INDEX "AuditLog_entityType_entityId_createdAt_idx" ON "AuditLog"("entityType", "entityId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditLog_userId_createdAt_idx" ON "AuditLog"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditLog_createdAt_idx" ON "AuditLog"("createdAt");

