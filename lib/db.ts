import "server-only";
import { createPrismaClient } from "@/lib/prisma-client";
import type { PrismaClient } from "@/lib/generated/prisma/client";

// One client per process; kept on globalThis so dev-mode hot reloads do not open new connections.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

export const db: PrismaClient = globalForPrisma.prisma ?? createPrismaClient();

if (process.env.NODE_ENV !== "production") globalForPrisma.prisma = db;
