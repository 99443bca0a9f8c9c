-- Pair catalog: pair versions, rule decisions, product versions, the mined-rule snapshot on a pair and
-- per-pair opportunity counts.

-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "ProductPair" ADD COLUMN     "minedRuleSnapshot" JSONB;

-- CreateTable
CREATE TABLE "ProductPairVersion" (
    "id" TEXT NOT NULL,
    "pairId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB NOT NULL,
    "userId" TEXT,
    "userName" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProductPairVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RuleDecision" (
    "id" TEXT NOT NULL,
    "kind" "RuleKind" NOT NULL,
    "antecedentKey" TEXT NOT NULL,
    "consequentKey" TEXT NOT NULL,
    "status" "RuleStatus" NOT NULL,
    "reason" TEXT,
    "pairId" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RuleDecision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ProductPairVersion_pairId_version_key" ON "ProductPairVersion"("pairId", "version");

-- CreateIndex
CREATE INDEX "RuleDecision_status_idx" ON "RuleDecision"("status");

-- CreateIndex
CREATE UNIQUE INDEX "RuleDecision_kind_antecedentKey_consequentKey_key" ON "RuleDecision"("kind", "antecedentKey", "consequentKey");

-- CreateIndex
CREATE INDEX "Opportunity_pairId_status_idx" ON "Opportunity"("pairId", "status");

-- AddForeignKey
ALTER TABLE "ProductPairVersion" ADD CONSTRAINT "ProductPairVersion_pairId_fkey" FOREIGN KEY ("pairId") REFERENCES "ProductPair"("id") ON DELETE CASCADE ON UPDATE CASCADE;
