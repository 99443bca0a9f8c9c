import "server-only";
import { db } from "@/lib/db";
import { refreshAfterOutcomes } from "./refresh";

// Outcome logging marks its offer as stale; one refresh a few seconds after the last outcome brings
// today's activity facts and the offers' parts of their runs' facts up to date (refreshAfterOutcomes:
// short transactions, never a whole run), so a burst of calls costs one refresh and the outcome's own
// transaction never waits for it.
const pending = new Set<string>();
let timer: ReturnType<typeof setTimeout> | null = null;
export const REFRESH_DELAY_MS = 3000;

export function scheduleDashboardRefresh(opportunityId: string): void {
  pending.add(opportunityId);
  // Under Vitest the test's database is gone before the timer fires; tests call flushDashboardRefresh().
  if (timer || process.env.NODE_ENV === "test") return;
  timer = setTimeout(() => void flushDashboardRefresh(), REFRESH_DELAY_MS);
  timer.unref?.();
}

let running: Promise<void> | null = null;
let failures = 0;
/** Consecutive failed refreshes after which the pending offers are dropped (logged). */
const MAX_FAILURES = 5;

/** Runs the pending refresh now (also what the timer calls); one at a time in this process. */
export async function flushDashboardRefresh(): Promise<void> {
  if (timer) clearTimeout(timer);
  timer = null;
  while (running) await running;
  const ids = [...pending];
  pending.clear();
  if (ids.length === 0) return;
  running = (async () => {
    try {
      await refreshAfterOutcomes(db, ids);
      failures = 0;
    } catch (e) {
      // Another instance refreshing the same facts can deadlock with this one (PostgreSQL then aborts
      // one of them): keep the offers and try again after the delay.
      failures++;
      if (failures < MAX_FAILURES) {
        for (const id of ids) pending.add(id);
        if (!timer && process.env.NODE_ENV !== "test") {
          timer = setTimeout(() => void flushDashboardRefresh(), REFRESH_DELAY_MS * failures);
          timer.unref?.();
        }
      }
      console.error(`dashboard facts: refresh after outcome logging failed (attempt ${failures}${failures < MAX_FAILURES ? ", will retry" : ", giving up on these offers"}):`, e);
    } finally {
      running = null;
    }
  })();
  await running;
}
