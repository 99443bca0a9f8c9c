-- CreateTable
CREATE TABLE "CategoryPolicy" (
    "category" TEXT NOT NULL,
    "durability" TEXT NOT NULL DEFAULT 'REPLENISHED',
    "replacementCycleDays" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CategoryPolicy_pkey" PRIMARY KEY ("category")
);
