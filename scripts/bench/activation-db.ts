// The app's Prisma client (lib/db), loaded past its "server-only" marker for this benchmark.
import "./activation-server-only";

export { db } from "@/lib/db";
