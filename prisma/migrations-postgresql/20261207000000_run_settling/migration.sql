-- AlterTable
ALTER TABLE "ScoringRun" ADD COLUMN     "retiredAt" TIMESTAMP(3),
ADD COLUMN     "settledAt" TIMESTAMP(3);
