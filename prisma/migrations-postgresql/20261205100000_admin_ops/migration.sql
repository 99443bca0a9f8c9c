-- Admin workspace (users, audit log): a user must choose their own password after an admin set one;
-- the audit log pages newest first by (createdAt, id), alone or filtered by actor, action or entity type.

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "mustChangePassword" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "User" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- DropIndex
DROP INDEX "AuditLog_userId_createdAt_idx";

-- DropIndex
DROP INDEX "AuditLog_createdAt_idx";

-- DropIndex
DROP INDEX "AuditLog_entityType_entityId_createdAt_idx";

-- CreateIndex
CREATE INDEX "AuditLog_entityType_entityId_createdAt_id_idx" ON "AuditLog"("entityType", "entityId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "AuditLog_userId_createdAt_id_idx" ON "AuditLog"("userId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "AuditLog_createdAt_id_idx" ON "AuditLog"("createdAt", "id");

-- CreateIndex
CREATE INDEX "AuditLog_action_createdAt_id_idx" ON "AuditLog"("action", "createdAt", "id");

-- CreateIndex
CREATE INDEX "AuditLog_entityType_createdAt_id_idx" ON "AuditLog"("entityType", "createdAt", "id");
