-- CreateTable
CREATE TABLE "CategoryRepurchase" (
    "category" TEXT NOT NULL,
    "buyers" INTEGER NOT NULL,
    "repeatBuyers" INTEGER NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CategoryRepurchase_pkey" PRIMARY KEY ("category")
);

-- CreateTable
CREATE TABLE "CategoryRepurchaseGap" (
    "category" TEXT NOT NULL,
    "gapDays" INTEGER NOT NULL,
    "gaps" INTEGER NOT NULL,
    "shortestGapBuyers" INTEGER NOT NULL,

    CONSTRAINT "CategoryRepurchaseGap_pkey" PRIMARY KEY ("category","gapDays")
);

