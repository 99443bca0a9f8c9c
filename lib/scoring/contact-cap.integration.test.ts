// Integration: a scoring run keeps the contact cap of accounts reached shortly before it.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { addDays } from "date-fns";
import { createTestDatabase } from "@/lib/testing/test-db";
import { outcomeSchema } from "@/lib/validations/outcomes";
import { queueListSchema } from "@/lib/validations/queue";

let t: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  t = await createTestDatabase({ accounts: 150, seed: 21 });
});
afterAll(async () => t?.cleanup());

it("new offers for an account reached within the cap wait until the cap ends", async () => {
  const { runScoring } = await import("@/lib/scoring/run-scoring");
  const { logOutcome } = await import("@/lib/data/outcomes");
  const { listQueue } = await import("@/lib/data/queue");
  await runScoring({ url: t.url });
  const ava = t.actor("ava@example.com");
  const queue = (now?: Date) => listQueue(ava, queueListSchema.parse({ pageSize: "100" }), now);
  const first = (await queue()).rows[0];
  await logOutcome(ava, outcomeSchema.parse({ opportunityId: first.id, version: first.version, idempotencyKey: randomUUID(), outcome: "NOT_INTERESTED", declineReason: "BAD_TIMING" }));

  await runScoring({ url: t.url });
  const fresh = await t.db.opportunity.findMany({ where: { accountId: first.accountId, status: "OPEN", run: { active: true } }, select: { id: true, contactableAfter: true } });
  expect(fresh.length).toBeGreaterThan(0);
  for (const o of fresh) expect(o.contactableAfter!.getTime()).toBeGreaterThan(addDays(new Date(), 6).getTime());
  const now = await queue();
  expect(now.rows.map((r) => r.accountId)).not.toContain(first.accountId);
  // After the cap the account is back: one row for it, standing for all its new offers.
  const reachedAccountRows = (await listQueue(ava, queueListSchema.parse({ pageSize: "100", q: first.accountName }), addDays(new Date(), 8))).rows.filter(
    (r) => r.accountId === first.accountId,
  );
  expect(reachedAccountRows).toHaveLength(1);
  expect(fresh.map((o) => o.id)).toContain(reachedAccountRows[0].id);
  expect(reachedAccountRows[0].moreOffers).toBe(fresh.length - 1);
  // The declined product is not offered again in the cool-down.
  const declined = await t.db.opportunity.findUniqueOrThrow({ where: { id: first.id }, select: { productId: true } });
  expect(await t.db.opportunity.count({ where: { id: { in: fresh.map((f) => f.id) }, productId: declined.productId } })).toBe(0);
});
