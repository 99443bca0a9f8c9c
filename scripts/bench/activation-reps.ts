// Simulated reps for the activation benchmark: each has its own actor (built as getActor builds it) and
// works its own queue the way a rep does, saving NO_ANSWER through the app's save path (logOutcome).
import "./activation-server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { logOutcome } from "@/lib/data/outcomes";
import { activeRunId, workableWhere } from "@/lib/data/queue";
import { dataScope } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { outcomeSchema } from "@/lib/validations/outcomes";
import type { Actor } from "@/lib/auth/actor";

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across processes. */
export const wallNow = () => performance.timeOrigin + performance.now();

export type Save = { rep: number; start: number; end: number; result: "ok" | "conflict" | "error"; message?: string };

/** How many offers a rep's queue page shows; a rep reloads it after this many saves. */
const PAGE = 50;

/** The K reps with the most workable offers in the active run, each as an actor. */
export async function loadReps(k: number): Promise<Actor[]> {
  const runId = await activeRunId();
  if (!runId) throw new Error("no active scoring run");
  const counts = await db.opportunity.groupBy({ by: ["assigneeId"], where: workableWhere(new Date(), runId), _count: { _all: true } });
  const users = await db.user.findMany({ where: { active: true }, select: { id: true, email: true, name: true, role: true, teamId: true } });
  const reps = users
    .filter((u) => u.role === "REP")
    .map((u) => ({ u, n: counts.find((c) => c.assigneeId === u.id)?._count._all ?? 0 }))
    .filter((r) => r.n > 0)
    .sort((a, b) => b.n - a.n)
    .slice(0, k)
    .map((r) => r.u);
  if (reps.length < k) console.warn(`only ${reps.length} reps have workable offers (asked for ${k})`);
  return reps.map((u) => (dataScope(u.role) === "team" ? { ...u, teamMemberIds: users.filter((x) => x.teamId === u.teamId).map((x) => x.id) } : u));
}

type Offer = { id: string; version: number };

/** The rep's queue page as the queue orders it: workable offers of the active run assigned to them. */
async function queuePage(actor: Actor, skip: number): Promise<Offer[]> {
  const runId = await activeRunId();
  return db.opportunity.findMany({
    // The call list: offers on accounts that consented to phone calls.
    where: { AND: [workableWhere(new Date(), runId), { assigneeId: actor.id, channel: "CALL", account: { phoneConsent: true } }] },
    orderBy: [{ priority: "asc" }, { expectedValue: "desc" }, { id: "asc" }],
    skip,
    take: PAGE,
    select: { id: true, version: true },
  });
}

/**
 * Runs K reps until `stop()` says so; every save is passed to `record`. A rep walks down its queue (each
 * rep starts at a different depth so reps do not all hit the top offers), saves NO_ANSWER on each offer,
 * reloads the page after PAGE saves or after a conflict (an activation expired or moved its offers).
 */
export async function runReps(reps: Actor[], opts: { stop: () => boolean; thinkMs: number; record: (s: Save) => void }): Promise<void> {
  await Promise.all(
    reps.map(async (actor, rep) => {
      let page: Offer[] = [];
      let i = 0;
      let depth = 0;
      while (!opts.stop()) {
        if (i >= page.length) {
          page = await queuePage(actor, depth);
          depth = (depth + PAGE) % 500;
          i = 0;
          if (page.length === 0) {
            depth = 0;
            await new Promise((r) => setTimeout(r, 200));
            continue;
          }
        }
        const offer = page[i++];
        const input = outcomeSchema.parse({ opportunityId: offer.id, version: offer.version, idempotencyKey: `bench-act-${randomUUID()}`, outcome: "NO_ANSWER", channel: "CALL" });
        const start = wallNow();
        try {
          const r = await logOutcome(actor, input);
          offer.version = r.version;
          opts.record({ rep, start, end: wallNow(), result: "ok" });
        } catch (e) {
          const end = wallNow();
          if (e instanceof AppError && e.code === "CONFLICT") {
            opts.record({ rep, start, end, result: "conflict" });
            i = page.length; // reload: the queue has moved on
          } else {
            opts.record({ rep, start, end, result: "error", message: (e as Error).message?.slice(0, 200) });
          }
        }
        if (opts.thinkMs > 0) await new Promise((r) => setTimeout(r, opts.thinkMs));
      }
    }),
  );
}
