// Integration: the audit log's keyset paging (no row twice, none skipped, both directions, rows written
// meanwhile do not shift pages), its filters, the export's batches, and the recorded chain check.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-db";
import type { Actor } from "@/lib/auth/actor";
import type { PrismaClient } from "@/lib/generated/prisma/client";

let db: PrismaClient;
let cleanup: () => Promise<void>;
let actor: (email: string) => Actor;
let log: typeof import("@/lib/data/audit");
let verify: typeof import("@/lib/data/audit-verify");
let writeAudit: typeof import("@/lib/audit/log").audit;
const filter = (f: Record<string, string | undefined> = {}) => ({ actor: undefined, action: undefined, entity: undefined, entityId: undefined, from: undefined, to: undefined, after: undefined, before: undefined, ...f });

beforeAll(async () => {
  ({ db, cleanup, actor } = await createTestDatabase({ accounts: 10, seed: 4 }));
  log = await import("@/lib/data/audit");
  verify = await import("@/lib/data/audit-verify");
  writeAudit = (await import("@/lib/audit/log")).audit;
  const ava = actor("ava@example.com");
  for (let i = 0; i < 23; i++) await writeAudit({ userId: ava.id, action: i % 2 ? "test.odd" : "test.even", entityType: "Account", entityId: `acc_${i}`, details: { before: { n: i }, after: { n: i + 1 } }, ip: null, userAgent: null });
});

afterAll(async () => {
  await cleanup?.();
});

describe("listAudit", () => {
  it("pages newest first through every row exactly once, and back again", async () => {
    const a = actor("admin@example.com");
    const all = await db.auditLog.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } });
    const seen: string[] = [];
    const pages: { after?: string; ids: string[] }[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await log.listAudit(a, filter({ after }), 5);
      pages.push({ after, ids: page.rows.map((r) => r.id) });
      seen.push(...page.rows.map((r) => r.id));
      if (!page.older) break;
      after = page.older;
    }
    expect(seen).toEqual(all.map((r) => r.id));
    // Back from the last page: "newer" gives the page before, the same rows in the same order.
    const last = await log.listAudit(a, filter({ after: pages.at(-1)!.after }), 5);
    const back = await log.listAudit(a, filter({ before: last.newer! }), 5);
    expect(back.rows.map((r) => r.id)).toEqual(pages.at(-2)!.ids);
    // Rows written meanwhile do not shift an older page.
    await writeAudit({ action: "test.late", entityType: "Account", ip: null, userAgent: null });
    expect((await log.listAudit(a, filter({ after: pages[1].after }), 5)).rows.map((r) => r.id)).toEqual(pages[1].ids);
  });

  it("filters by actor, action, entity and day", async () => {
    const a = actor("admin@example.com");
    const ava = actor("ava@example.com");
    const odd = await log.listAudit(a, filter({ action: "test.odd" }), 100);
    expect(odd.rows).toHaveLength(11);
    expect(odd.rows.every((r) => r.action === "test.odd" && r.userId === ava.id && r.userName === "Ava Thompson")).toBe(true);
    expect((await log.listAudit(a, filter({ actor: ava.id, entity: "Account", entityId: "acc_4" }), 100)).rows.map((r) => r.details)).toEqual([{ before: { n: 4 }, after: { n: 5 } }]);
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000 * 2).toISOString().slice(0, 10);
    expect((await log.listAudit(a, filter({ action: "test.even", from: today }), 100)).rows).toHaveLength(12);
    expect((await log.listAudit(a, filter({ action: "test.even", from: tomorrow }), 100)).rows).toHaveLength(0);
    expect((await log.listAudit(a, filter({ action: "test.even", to: "2020-01-01" }), 100)).rows).toHaveLength(0);
  });

  it("exports every matching row in batches", async () => {
    const a = actor("admin@example.com");
    const got: string[] = [];
    for await (const batch of log.auditRowsForExport(a, filter({ action: "test.even" }), 5)) {
      expect(batch.length).toBeLessThanOrEqual(5);
      got.push(...batch.map((r) => r.entityId!));
    }
    expect(got).toEqual(Array.from({ length: 12 }, (_, i) => `acc_${22 - 2 * i}`));
  });

  it("is not found for managers and reps", async () => {
    await expect(log.listAudit(actor("nina.manager@example.com"), filter())).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(verify.runAuditCheck(actor("ava@example.com"))).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("the chain check", () => {
  it("records its result; a tampered row shows as broken, naming it", async () => {
    const a = actor("admin@example.com");
    expect(await verify.latestAuditCheck(a)).toBeNull();
    const ok = await verify.runAuditCheck(a);
    expect(ok).toMatchObject({ ok: true, firstBroken: null });
    expect(ok.checked).toBe(await db.auditLog.count({ where: { seq: { not: null }, action: { not: "audit.verify" } } }));
    expect(await verify.latestAuditCheck(a)).toMatchObject({ ok: true, checked: ok.checked, by: "Alex Morgan" });
    const victim = await db.auditLog.findFirstOrThrow({ where: { action: "test.odd", entityId: "acc_5" } });
    await db.auditLog.update({ where: { id: victim.id }, data: { entityId: "acc_500" } });
    const broken = await verify.runAuditCheck(a);
    expect(broken).toMatchObject({ ok: false, firstBroken: { id: victim.id, seq: victim.seq, reason: expect.stringContaining("content changed") } });
    expect(await verify.latestAuditCheck(a)).toMatchObject({ ok: false, firstBroken: { id: victim.id } });
  });
});
