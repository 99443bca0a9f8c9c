-- CreateTable
CREATE TABLE "CategoryRepurchase" (
    "category" TEXT NOT NULL PRIMARY KEY,
    "buyers" INTEGER NOT NULL,
    "repeatBuyers" INTEGER NOT NULL,
    "computedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "CategoryRepurchaseGap" (
    "category" TEXT NOT NULL,
    "gapDays" INTEGER NOT NULL,
    "gaps" INTEGER NOT NULL,
    "shortestGapBuyers" INTEGER NOT NULL,

    PRIMARY KEY ("category", "gapDays")
);

