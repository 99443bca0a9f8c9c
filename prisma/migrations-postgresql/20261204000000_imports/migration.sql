-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "unitCostEstimated" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "ImportRun" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'RUNNING',
    "dryRun" BOOLEAN NOT NULL DEFAULT false,
    "source" TEXT NOT NULL,
    "userId" TEXT,
    "activeKey" TEXT,
    "holder" TEXT,
    "heartbeatAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "counts" JSONB,
    "error" TEXT,
    "errorReport" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "durationMs" INTEGER,

    CONSTRAINT "ImportRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportedReturn" (
    "id" TEXT NOT NULL,
    "orderNumber" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "orderLineId" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "returnedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ImportedReturn_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ImportRun_activeKey_key" ON "ImportRun"("activeKey");

-- CreateIndex
CREATE INDEX "ImportRun_startedAt_idx" ON "ImportRun"("startedAt");

-- CreateIndex
CREATE INDEX "ImportedReturn_orderLineId_idx" ON "ImportedReturn"("orderLineId");

-- CreateIndex
CREATE UNIQUE INDEX "ImportedReturn_orderNumber_productId_orderLineId_key" ON "ImportedReturn"("orderNumber", "productId", "orderLineId");
