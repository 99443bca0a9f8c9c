-- AlterTable
ALTER TABLE "ScoringRun" ADD COLUMN "retiredAt" DATETIME;
ALTER TABLE "ScoringRun" ADD COLUMN "settledAt" DATETIME;
