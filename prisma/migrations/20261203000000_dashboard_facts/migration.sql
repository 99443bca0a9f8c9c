-- CreateTable
CREATE TABLE "DashboardDay" (
    "day" TEXT NOT NULL PRIMARY KEY,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "week" TEXT NOT NULL,
    "month" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "OrderDayFact" (
    "day" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "segment" TEXT NOT NULL,
    "orders" INTEGER NOT NULL,
    "revenueCents" INTEGER NOT NULL,
    "buyers" INTEGER NOT NULL,
    "customerProducts" INTEGER NOT NULL,

    PRIMARY KEY ("day", "ownerId", "segment")
);

-- CreateTable
CREATE TABLE "CategoryDayFact" (
    "day" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "segment" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "revenueCents" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,
    "returnedQuantity" INTEGER NOT NULL,
    "crossSellRevenueCents" INTEGER NOT NULL,
    "crossSellQuantity" INTEGER NOT NULL,
    "crossSellReturned" INTEGER NOT NULL,

    PRIMARY KEY ("day", "ownerId", "segment", "category")
);

-- CreateTable
CREATE TABLE "PairDayFact" (
    "day" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "pairId" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "ordersWithSource" INTEGER NOT NULL,
    "ordersWithBoth" INTEGER NOT NULL,

    PRIMARY KEY ("day", "teamId", "pairId")
);

-- CreateTable
CREATE TABLE "ActivityDayFact" (
    "day" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "segment" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "pairId" TEXT NOT NULL,
    "activities" INTEGER NOT NULL,
    "connects" INTEGER NOT NULL,
    "interested" INTEGER NOT NULL,
    "won" INTEGER NOT NULL,
    "wonAmountCents" INTEGER NOT NULL,
    "durationSeconds" INTEGER NOT NULL,

    PRIMARY KEY ("day", "userId", "segment", "category", "pairId")
);

-- CreateTable
CREATE TABLE "OpportunityFact" (
    "runId" TEXT NOT NULL,
    "runDay" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "assigneeId" TEXT NOT NULL,
    "segment" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "pairId" TEXT NOT NULL,
    "holdout" BOOLEAN NOT NULL,
    "opportunities" INTEGER NOT NULL,
    "queued" INTEGER NOT NULL,
    "attempted" INTEGER NOT NULL,
    "connected" INTEGER NOT NULL,
    "interested" INTEGER NOT NULL,
    "won" INTEGER NOT NULL,
    "lost" INTEGER NOT NULL,
    "wonAmountCents" INTEGER NOT NULL,
    "closedAfterContact" INTEGER NOT NULL,
    "daysToCloseSum" REAL NOT NULL,
    "soldQuantity" INTEGER NOT NULL,
    "returnedQuantity" INTEGER NOT NULL,
    "declinePrice" INTEGER NOT NULL,
    "declineAlreadyOwns" INTEGER NOT NULL,
    "declineNotRelevant" INTEGER NOT NULL,
    "declineBadTiming" INTEGER NOT NULL,
    "declineOther" INTEGER NOT NULL,

    PRIMARY KEY ("runId", "assigneeId", "segment", "category", "pairId", "holdout")
);

-- CreateTable
CREATE TABLE "UpliftFact" (
    "runId" TEXT NOT NULL,
    "runDay" TEXT NOT NULL,
    "windowEndDay" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "segment" TEXT NOT NULL,
    "holdout" BOOLEAN NOT NULL,
    "accounts" INTEGER NOT NULL,
    "buyers" INTEGER NOT NULL,
    "revenueCents" INTEGER NOT NULL,
    "grossProfitCents" INTEGER NOT NULL,
    "contactedAccounts" INTEGER NOT NULL,
    "contacts" INTEGER NOT NULL,

    PRIMARY KEY ("runId", "ownerId", "segment", "holdout")
);

-- CreateTable
CREATE TABLE "UpliftOfferFact" (
    "runId" TEXT NOT NULL,
    "runDay" TEXT NOT NULL,
    "windowEndDay" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "segment" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "pairId" TEXT NOT NULL,
    "holdout" BOOLEAN NOT NULL,
    "accounts" INTEGER NOT NULL,
    "buyers" INTEGER NOT NULL,
    "revenueCents" INTEGER NOT NULL,
    "grossProfitCents" INTEGER NOT NULL,

    PRIMARY KEY ("runId", "ownerId", "segment", "productId", "pairId", "holdout")
);

-- CreateIndex
CREATE INDEX "DashboardDay_startsAt_idx" ON "DashboardDay"("startsAt");

-- CreateIndex
CREATE INDEX "OrderDayFact_teamId_day_idx" ON "OrderDayFact"("teamId", "day");

-- CreateIndex
CREATE INDEX "OrderDayFact_day_idx" ON "OrderDayFact"("day");

-- CreateIndex
CREATE INDEX "CategoryDayFact_teamId_day_idx" ON "CategoryDayFact"("teamId", "day");

-- CreateIndex
CREATE INDEX "CategoryDayFact_day_idx" ON "CategoryDayFact"("day");

-- CreateIndex
CREATE INDEX "PairDayFact_teamId_day_idx" ON "PairDayFact"("teamId", "day");

-- CreateIndex
CREATE INDEX "ActivityDayFact_teamId_day_idx" ON "ActivityDayFact"("teamId", "day");

-- CreateIndex
CREATE INDEX "ActivityDayFact_day_idx" ON "ActivityDayFact"("day");

-- CreateIndex
CREATE INDEX "OpportunityFact_runDay_idx" ON "OpportunityFact"("runDay");

-- CreateIndex
CREATE INDEX "OpportunityFact_teamId_runDay_idx" ON "OpportunityFact"("teamId", "runDay");

-- CreateIndex
CREATE INDEX "UpliftFact_windowEndDay_idx" ON "UpliftFact"("windowEndDay");

-- CreateIndex
CREATE INDEX "UpliftFact_teamId_windowEndDay_idx" ON "UpliftFact"("teamId", "windowEndDay");

-- CreateIndex
CREATE INDEX "UpliftOfferFact_windowEndDay_idx" ON "UpliftOfferFact"("windowEndDay");

-- CreateIndex
CREATE INDEX "UpliftOfferFact_teamId_windowEndDay_idx" ON "UpliftOfferFact"("teamId", "windowEndDay");

-- CreateIndex
CREATE INDEX "Activity_createdAt_idx" ON "Activity"("createdAt");
