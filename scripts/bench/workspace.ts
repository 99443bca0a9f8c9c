// Rep-workspace benchmark against a running server: queue and call pages, saving an outcome, and
// 20 concurrent sessions logging outcomes for 60 s with an exact count of activities afterwards.
import { randomUUID } from "node:crypto";
import type { BenchDb } from "./bench-db";
import { percentile, Session, timeRequests } from "./http";

type Opp = { id: string; version: number };

const WORKABLE_SQL = `
  SELECT o.id, o.version FROM "Opportunity" o
  JOIN "ScoringRun" r ON r.id = o."runId" AND r.active = TRUE
  JOIN "Account" a ON a.id = o."accountId" AND a."doNotContact" = FALSE
  WHERE o."assigneeId" = ? AND o.status = 'OPEN' AND o.holdout = FALSE AND o.channel = 'CALL'
  ORDER BY o.id`;

function fmt(label: string, times: number[]): string {
  return `${label.padEnd(44)} p50 ${percentile(times, 50).toFixed(1).padStart(7)} ms   p95 ${percentile(times, 95).toFixed(1).padStart(7)} ms`;
}

async function post(s: Session, opp: Opp, key: string, outcome: "NO_ANSWER" | "VOICEMAIL"): Promise<{ status: number; body: { version?: number; activityId?: string; replayed?: boolean; error?: string } }> {
  const res = await s.post(`/api/opportunities/${opp.id}/outcomes`, { version: opp.version, idempotencyKey: key, outcome, channel: "CALL" });
  return { status: res.status, body: (await res.json()) as { version?: number; activityId?: string; replayed?: boolean } };
}

export async function benchWorkspace(base: string, db: BenchDb, password: string): Promise<void> {
  const userId = async (email: string) => (await db.get<{ id: string }>('SELECT "id" FROM "User" WHERE "email" = ?', email))!.id;
  const rep = new Session(base);
  await rep.signIn("ava@example.com", password);
  const avaOpps = await db.all<Opp>(WORKABLE_SQL, await userId("ava@example.com"));
  if (avaOpps.length < 100) throw new Error(`only ${avaOpps.length} workable opportunities for the benchmark rep: run a scoring run first`);

  console.log(fmt("queue page, rep", await timeRequests(50, 5, (i) => rep.get(`/queue?page=${1 + (i % 10)}`))));
  console.log(fmt("queue page sorted by P(buy), rep", await timeRequests(50, 3, (i) => rep.get(`/queue?sort=probability&page=${1 + (i % 10)}`))));
  console.log(fmt("call mode page, rep", await timeRequests(50, 5, (i) => rep.get(`/queue/call?id=${avaOpps[i].id}`))));

  // Saving an outcome: 50 sequential saves on distinct opportunities (no answer keeps them open).
  const saves: number[] = [];
  for (let i = 0; i < 55; i++) {
    const opp = avaOpps[100 + i] ?? avaOpps[i];
    const t = performance.now();
    const r = await post(rep, opp, `bench-seq-${randomUUID()}`, "NO_ANSWER");
    if (r.status !== 201) throw new Error(`save failed: HTTP ${r.status} ${JSON.stringify(r.body)}`);
    if (i >= 5) saves.push(performance.now() - t);
  }
  console.log(fmt("save an outcome (POST, one transaction)", saves.sort((a, b) => a - b)));

  // 20 concurrent sessions for 60 s, each on its own slice of opportunities; every 10th request is
  // a retry of the previous one (same idempotency key) that must not record twice.
  const tag = `bench-conc-${Date.now()}`;
  const users = ["ava", "ben", "chloe", "dan", "eva", "finn", "grace", "hugo"].map((n) => `${n}@example.com`);
  // 20 sessions over the 8 reps: each session of a rep works a disjoint slice of that rep's offers.
  const clients = Array.from({ length: 20 }, (_, i) => {
    const u = i % users.length;
    return { email: users[u], slice: Math.floor(i / users.length), slices: Math.ceil((20 - u) / users.length) };
  });
  const durationMs = Number(process.env.BENCH_CONCURRENCY_SECONDS ?? 60) * 1000;
  const stats = { created: 0, replayed: 0, replayMismatch: 0, conflicts: 0, errors: 0, latencies: [] as number[] };
  const end = Date.now() + durationMs;
  await Promise.all(
    clients.map(async (c) => {
      const s = new Session(base);
      await s.signIn(c.email, password);
      const mine = (await db.all<Opp>(WORKABLE_SQL, await userId(c.email))).filter((_, i) => i % c.slices === c.slice % c.slices).slice(200);
      let n = 0;
      let last: { opp: Opp; key: string; activityId?: string } | null = null;
      while (Date.now() < end && mine.length > 0) {
        n++;
        if (last && n % 10 === 0) {
          const r = await post(s, { ...last.opp, version: last.opp.version - 1 }, last.key, "VOICEMAIL");
          if (r.status === 200 && r.body.replayed && r.body.activityId === last.activityId) stats.replayed++;
          else stats.replayMismatch++;
          continue;
        }
        const opp = mine[n % mine.length];
        const key = `${tag}-${randomUUID()}`;
        const t = performance.now();
        const r = await post(s, opp, key, n % 2 ? "NO_ANSWER" : "VOICEMAIL");
        stats.latencies.push(performance.now() - t);
        if (r.status === 201 && r.body.version) {
          stats.created++;
          opp.version = r.body.version;
          last = { opp: { ...opp }, key, activityId: r.body.activityId };
        } else if (r.status === 409) stats.conflicts++;
        else stats.errors++;
      }
    }),
  );
  const recorded = (await db.get<{ n: number; k: number }>(`SELECT COUNT(*) AS n, COUNT(DISTINCT "idempotencyKey") AS k FROM "Activity" WHERE "idempotencyKey" LIKE ?`, `${tag}-%`))!;
  stats.latencies.sort((a, b) => a - b);
  console.log(
    `20 concurrent sessions x ${durationMs / 1000} s: ${stats.created} outcomes saved (${(stats.created / (durationMs / 1000)).toFixed(0)}/s), ` +
      `${stats.replayed} retries answered from the first save, ${stats.errors} errors, ${stats.conflicts} conflicts, ${stats.replayMismatch} bad replays`,
  );
  console.log(fmt("  save latency under that load", stats.latencies));
  console.log(`  activities recorded: ${recorded.n} (distinct keys ${recorded.k}); lost ${stats.created - recorded.n}, duplicated ${recorded.n - recorded.k}`);
}
