// PostgreSQL only: samples pg_stat_activity / pg_locks while the benchmark runs, to say what a waiting
// save waits for (its statement, the lock it has not been granted) and who holds it (the blocker's
// statement and transaction age, and the locks the blocker holds).
import pg from "pg";

const WAITING_SQL = `
  SELECT w.pid, left(regexp_replace(w.query, '\\s+', ' ', 'g'), 160) AS query,
         extract(epoch FROM now() - w.query_start) * 1000 AS "waitedMs",
         w.wait_event_type || ':' || w.wait_event AS "waitEvent",
         (SELECT string_agg(l.locktype || ' ' || l.mode || coalesce(' rel=' || l.relation::regclass::text, ''), ', ')
            FROM pg_locks l WHERE l.pid = w.pid AND NOT l.granted) AS "waitingFor",
         b.pid AS "blockerPid", coalesce(nullif(b.application_name, ''), b.backend_type) AS "blockerApp", left(regexp_replace(b.query, '\\s+', ' ', 'g'), 220) AS "blockerQuery", b.state AS "blockerState",
         extract(epoch FROM now() - b.xact_start) * 1000 AS "blockerXactMs"
  FROM pg_stat_activity w
  JOIN LATERAL unnest(pg_blocking_pids(w.pid)) AS bp(pid) ON TRUE
  JOIN pg_stat_activity b ON b.pid = bp.pid
  WHERE w.datname = current_database()`;

const HELD_SQL = `
  SELECT l.locktype || ' ' || l.mode || coalesce(' ' || l.relation::regclass::text, '') AS lock, count(*)::int AS n
  FROM pg_locks l WHERE l.pid = $1 AND l.granted GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 12`;

/** application_name of the scoring store's connections (lib/scoring/postgres-sql.ts openPool). */
export const SCORER_APP = "pairwise-scoring";

type Key = string;
type Agg = { samples: number; maxWaitedMs: number; pids: Set<number>; blockerXactMs: number };

export interface LockSampler {
  stop(): Promise<void>;
  report(): string[];
}

/** Samples every `everyMs` until stopped; `active()` says whether the activation stage is running. */
export async function startLockSampler(url: string, active: () => boolean, everyMs = 200): Promise<LockSampler> {
  const client = new pg.Client({ connectionString: url, application_name: "bench-activation-locks" });
  await client.connect();
  const waits = new Map<Key, Agg>();
  const held = new Map<string, number>();
  let maxConcurrentWaiters = 0;
  let samples = 0;
  let byScorer = 0;
  let byReps = 0;
  let stopped = false;
  const heldBy = new Set<number>();
  const loop = (async () => {
    while (!stopped) {
      if (active()) {
        samples++;
        const rows = (await client.query(WAITING_SQL)).rows as {
          pid: number; query: string; waitedMs: number; waitEvent: string; waitingFor: string | null; blockerPid: number; blockerApp: string; blockerQuery: string; blockerState: string; blockerXactMs: number;
        }[];
        maxConcurrentWaiters = Math.max(maxConcurrentWaiters, new Set(rows.map((r) => r.pid)).size);
        for (const r of rows) {
          if (r.blockerApp === SCORER_APP) byScorer++;
          else byReps++;
          const key = `WAITING: ${r.query}\n      for: ${r.waitingFor ?? r.waitEvent}\n      held by ${r.blockerApp === SCORER_APP ? "the SCORING RUN" : r.blockerApp === "client backend" ? "a rep's save" : r.blockerApp} (${r.blockerState}): ${r.blockerQuery}`;
          const a = waits.get(key) ?? { samples: 0, maxWaitedMs: 0, pids: new Set<number>(), blockerXactMs: 0 };
          a.samples++;
          a.maxWaitedMs = Math.max(a.maxWaitedMs, Number(r.waitedMs));
          a.blockerXactMs = Math.max(a.blockerXactMs, Number(r.blockerXactMs));
          a.pids.add(r.pid);
          waits.set(key, a);
          // What the blocker holds, once per blocker: the relation locks and its transaction id.
          if (r.blockerApp === SCORER_APP && !heldBy.has(r.blockerPid)) {
            heldBy.add(r.blockerPid);
            for (const h of (await client.query(HELD_SQL, [r.blockerPid])).rows as { lock: string; n: number }[]) held.set(`pid ${r.blockerPid}: ${h.lock}`, h.n);
          }
        }
      }
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop.catch(() => {});
      await client.end();
    },
    report() {
      const out = [`lock samples during activation: ${samples} (every ${everyMs} ms); at most ${maxConcurrentWaiters} sessions waiting at once; waiting-session samples blocked by the scoring run ${byScorer}, by others (rep saves, autovacuum) ${byReps}`];
      for (const [k, a] of [...waits.entries()].sort((x, y) => y[1].samples - x[1].samples).slice(0, 8)) {
        out.push(`  [${a.samples} samples, ${a.pids.size} sessions, waited up to ${a.maxWaitedMs.toFixed(0)} ms, blocker's transaction ${(a.blockerXactMs / 1000).toFixed(1)} s old] ${k}`);
      }
      if (held.size > 0) out.push("  locks the scoring run's transaction held (relation level; its row locks show as its transactionid):", ...[...held.entries()].map(([k, n]) => `    ${k} x${n}`));
      return out;
    },
  };
}
