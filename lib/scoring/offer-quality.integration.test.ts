// Integration: a whole scoring run on a seeded database, then the offers it queued are checked:
// every reason sentence states exactly its stored numbers (a curated pair's chance is the P(buy)
// stored beside it), and at most 2% of queued offers are durable substitutes of a recent purchase.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-db";
import { auditActiveRun, type OfferAudit } from "./offer-audit-db";
import { reasonMismatches } from "./reason-numbers";
import { runScoring } from "./run-scoring";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let audit: OfferAudit;

beforeAll(async () => {
  t = await createTestDatabase({ accounts: 400, seed: 5 });
  await runScoring({ url: t.url });
  audit = await auditActiveRun(t.db);
}, 240_000);

afterAll(async () => {
  await t?.cleanup();
});

describe("offers of a scoring run", () => {
  it("state in every reason the numbers stored with the opportunity", () => {
    expect(audit.reasons.opportunities).toBeGreaterThan(300);
    expect(audit.reasons.examples).toEqual([]);
    expect(audit.reasons.mismatched).toBe(0);
    // The check covers the kinds that quote numbers, curated pairs (which state the P(buy)) included.
    expect(audit.reasons.byKind.curated ?? 0).toBeGreaterThan(0);
    expect((audit.reasons.byKind.sequence ?? 0) + (audit.reasons.byKind.similar ?? 0) + (audit.reasons.byKind.basket ?? 0)).toBeGreaterThan(0);
  });

  it("queue at most 2% durable substitutes of a purchase in the last 180 days", () => {
    expect(audit.substitutes.offers).toBeGreaterThan(300);
    expect(audit.substitutes.share).toBeLessThanOrEqual(0.02);
  });

  it("measure the repurchase rate of every category that has a policy", async () => {
    const policies = await t.db.categoryPolicy.findMany();
    expect(policies.length).toBeGreaterThan(15);
    const measured = new Set(audit.repurchase.filter((r) => r.buyers > 0).map((r) => r.category));
    for (const p of policies) expect(measured.has(p.category), p.category).toBe(true);
    for (const r of audit.repurchase) expect(r.rate).toBeCloseTo(r.buyers ? r.repeatBuyers / r.buyers : 0, 12);
  });

  it("catches a sentence whose chance differs from the stored P(buy)", () => {
    const reason = { kind: "curated", sourceProductId: "a", targetProductId: "b", daysSinceSource: 12, confidence: 0.004, pairType: "UPSELL" };
    const text = "bought Tripod 12 days ago; curated UPSELL pair Tripod -> Lens cap (estimated 0.4% chance)";
    const name = (id: string) => (id === "a" ? "Tripod" : "Lens cap");
    expect(reasonMismatches({ probability: 0.004, reason, reasonText: text }, name)).toEqual([]);
    expect(reasonMismatches({ probability: 0.06, reason, reasonText: text }, name)).toEqual([
      'stated chance vs stored P(buy): text says "0.4%", field is "6%"',
      "curated confidence 0.004 is not the stored probability 0.06",
    ]);
  });
});
