-- AlterTable
ALTER TABLE "OrderDayFact" ADD COLUMN     "crossSellQuantity" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "crossSellReturned" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "crossSellRevenueCents" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "lineRevenueCents" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "UpliftOfferFact" ADD COLUMN     "contacts" INTEGER NOT NULL DEFAULT 0;

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

    CONSTRAINT "PairRepDayFact_pkey" PRIMARY KEY ("day","ownerId","segment","pairId")
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

    CONSTRAINT "ActivityRepDayFact_pkey" PRIMARY KEY ("day","userId","segment")
);

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

