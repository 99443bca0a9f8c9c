// Integration: the impact preview counts a hand-built set of accounts exactly (SQLite and PostgreSQL).
import { addDays } from "date-fns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-db";
import { inHoldout } from "@/lib/scoring/holdout";
import type { Actor } from "@/lib/auth/actor";
import type { PrismaClient } from "@/lib/generated/prisma/client";

let db: PrismaClient;
let cleanup: () => Promise<void>;
let actor: (email: string) => Actor;
let preview: typeof import("@/lib/data/pairs-preview");

beforeAll(async () => {
  ({ db, cleanup, actor } = await createTestDatabase({ accounts: 20, seed: 8 }));
  preview = await import("@/lib/data/pairs-preview");
});

afterAll(async () => {
  await cleanup?.();
});

describe("pairImpact", () => {
  it("counts last source purchase in the window, not owning the target, segment, consent and holdout", async () => {
    const owner = await db.user.findFirstOrThrow({ where: { email: "ava@example.com" } });
    const asOf = (await db.order.findFirstOrThrow({ orderBy: { orderedAt: "desc" } })).orderedAt;
    const [p, q] = await Promise.all(
      ["P", "Q"].map((x) => db.product.create({ data: { sku: `IMPACT-${x}`, name: `Impact ${x}`, category: "Test", priceCents: 1000, unitCostCents: 500 } })),
    );
    // Ids outside the holdout (10%, stable hash), so the expected counts do not depend on it.
    let n = 0;
    const nextId = () => {
      let id: string;
      do id = `acc_impact_${n++}`; while (inHoldout(id, 0.1));
      return id;
    };
    const holdoutId = (() => {
      let i = 0;
      while (!inHoldout(`acc_hold_${i}`, 0.1)) i++;
      return `acc_hold_${i}`;
    })();
    async function account(id: string, o: { segment: string; phone?: boolean; dnc?: boolean; bought: [string, number][] }) {
      await db.account.create({
        data: { id, externalId: id, name: id, searchName: id, kind: "PERSON", ownerId: owner.id, contactName: "C", region: "North", segment: o.segment, phoneConsent: o.phone ?? true, doNotContact: o.dnc ?? false },
      });
      for (const [i, [productId, daysAgo]] of o.bought.entries()) {
        const orderedAt = addDays(asOf, -daysAgo);
        const order = await db.order.create({ data: { orderNumber: `${id}-${i}`, accountId: id, orderedAt, totalCents: 1000 } });
        await db.orderLine.create({ data: { orderId: order.id, accountId: id, orderedAt, productId, quantity: 1, unitPriceCents: 1000 } });
      }
    }
    const eligible = nextId();
    await account(eligible, { segment: "Loyal", bought: [[p.id, 10]] });
    await account(nextId(), { segment: "Loyal", bought: [[p.id, 20], [p.id, 3]] }); // last purchase too recent
    await account(nextId(), { segment: "Loyal", bought: [[p.id, 20], [q.id, 100]] }); // owns the target
    await account(nextId(), { segment: "Loyal", dnc: true, bought: [[p.id, 30]] });
    await account(nextId(), { segment: "Lost", bought: [[p.id, 40]] });
    await account(nextId(), { segment: "Loyal", phone: false, bought: [[p.id, 12]] });
    await account(nextId(), { segment: "Loyal", bought: [[p.id, 61]] }); // before the window
    await account(holdoutId, { segment: "Loyal", bought: [[p.id, 15]] });

    const admin = actor("admin@example.com");
    const input = { sourceProductId: p.id, targetProductId: q.id, windowMinDays: 7, windowMaxDays: 60, eligibleSegments: [] as "Loyal"[] };
    // In the window, as the last purchase, not owning Q: eligible, dnc, Lost, no consent, holdout.
    expect(await preview.pairImpact(admin, input)).toMatchObject({ boughtInWindow: 5, eligible: 2, wouldAdd: 2, wouldChange: 0 });
    expect(await preview.pairImpact(admin, { ...input, eligibleSegments: ["Loyal"] })).toMatchObject({ boughtInWindow: 5, eligible: 1 });

    // An open offer of Q in the active run for the eligible account: the pair would change it, not add one.
    const run = await db.scoringRun.create({ data: { status: "COMPLETED", active: true, parameters: {} } });
    await db.opportunity.create({
      data: { runId: run.id, accountId: eligible, productId: q.id, assigneeId: owner.id, status: "OPEN", probability: 0.1, expectedValue: 1, reason: {}, reasonText: "", rank: 1 },
    });
    expect(await preview.pairImpact(admin, input)).toMatchObject({ eligible: 2, wouldAdd: 1, wouldChange: 1 });
    await expect(preview.pairImpact(actor("nina.manager@example.com"), input)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
