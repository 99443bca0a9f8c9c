-- CreateTable
CREATE TABLE "CategoryPolicy" (
    "category" TEXT NOT NULL PRIMARY KEY,
    "durability" TEXT NOT NULL DEFAULT 'REPLENISHED',
    "replacementCycleDays" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedById" TEXT,
    "updatedAt" DATETIME NOT NULL
);
