-- CreateTable
CREATE TABLE "PairRepDayFact" (
    "day" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "segment" TEXT NOT NULL,
    "pairId" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "ordersWithSource" INTEGER NOT NULL,
    "ordersWithBoth" INTEGER NOT NULL,

    PRIMARY KEY ("day", "ownerId", "segment", "pairId")
);

-- CreateTable
CREATE TABLE "ActivityRepDayFact" (
    "day" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "segment" TEXT NOT NULL,
    "activities" INTEGER NOT NULL,
    "connects" INTEGER NOT NULL,
    "won" INTEGER NOT NULL,
    "wonAmountCents" INTEGER NOT NULL,

    PRIMARY KEY ("day", "userId", "segment")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_OrderDayFact" (
    "day" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "segment" TEXT NOT NULL,
    "orders" INTEGER NOT NULL,
    "revenueCents" INTEGER NOT NULL,
    "buyers" INTEGER NOT NULL,
    "customerProducts" INTEGER NOT NULL,
    "lineRevenueCents" INTEGER NOT NULL DEFAULT 0,
    "crossSellRevenueCents" INTEGER NOT NULL DEFAULT 0,
    "crossSellQuantity" INTEGER NOT NULL DEFAULT 0,
    "crossSellReturned" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("day", "ownerId", "segment")
);
INSERT INTO "new_OrderDayFact" ("buyers", "customerProducts", "day", "orders", "ownerId", "revenueCents", "segment", "teamId") SELECT "buyers", "customerProducts", "day", "orders", "ownerId", "revenueCents", "segment", "teamId" FROM "OrderDayFact";
DROP TABLE "OrderDayFact";
ALTER TABLE "new_OrderDayFact" RENAME TO "OrderDayFact";
CREATE INDEX "OrderDayFact_teamId_day_idx" ON "OrderDayFact"("teamId", "day");
CREATE INDEX "OrderDayFact_day_idx" ON "OrderDayFact"("day");
CREATE TABLE "new_UpliftOfferFact" (
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
    "contacts" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("runId", "ownerId", "segment", "productId", "pairId", "holdout")
);
INSERT INTO "new_UpliftOfferFact" ("accounts", "buyers", "category", "grossProfitCents", "holdout", "ownerId", "pairId", "productId", "revenueCents", "runDay", "runId", "segment", "teamId", "windowEndDay") SELECT "accounts", "buyers", "category", "grossProfitCents", "holdout", "ownerId", "pairId", "productId", "revenueCents", "runDay", "runId", "segment", "teamId", "windowEndDay" FROM "UpliftOfferFact";
DROP TABLE "UpliftOfferFact";
ALTER TABLE "new_UpliftOfferFact" RENAME TO "UpliftOfferFact";
CREATE INDEX "UpliftOfferFact_windowEndDay_idx" ON "UpliftOfferFact"("windowEndDay");
CREATE INDEX "UpliftOfferFact_teamId_windowEndDay_idx" ON "UpliftOfferFact"("teamId", "windowEndDay");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "PairRepDayFact_ownerId_day_idx" ON "PairRepDayFact"("ownerId", "day");

-- CreateIndex
CREATE INDEX "PairRepDayFact_segment_day_idx" ON "PairRepDayFact"("segment", "day");

-- CreateIndex
CREATE INDEX "ActivityRepDayFact_teamId_day_idx" ON "ActivityRepDayFact"("teamId", "day");

-- CreateIndex
CREATE INDEX "ActivityDayFact_pairId_day_idx" ON "ActivityDayFact"("pairId", "day");

-- CreateIndex
CREATE INDEX "ActivityDayFact_category_day_idx" ON "ActivityDayFact"("category", "day");

