-- AlterTable
ALTER TABLE "Account" ADD COLUMN "teamId" TEXT;

-- Backfill from the owner.
UPDATE "Account" SET "teamId" = (SELECT "User"."teamId" FROM "User" WHERE "User"."id" = "Account"."ownerId");

-- CreateIndex
CREATE INDEX "Account_teamId_searchName_idx" ON "Account"("teamId", "searchName");

-- CreateIndex
CREATE INDEX "Account_teamId_revenueCents_idx" ON "Account"("teamId", "revenueCents");

-- CreateIndex
CREATE INDEX "Account_teamId_lastOrderAt_idx" ON "Account"("teamId", "lastOrderAt");

-- CreateIndex
CREATE INDEX "Account_teamId_orderCount_idx" ON "Account"("teamId", "orderCount");

-- CreateIndex
CREATE INDEX "Account_teamId_clv_idx" ON "Account"("teamId", "clv");

-- CreateIndex
CREATE INDEX "Account_revenueCents_idx" ON "Account"("revenueCents");

