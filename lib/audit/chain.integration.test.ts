// Integration: the audit chain against a real SQLite database: appending, concurrent writers,
// tampering of every kind, the rate-limited denials and the verify CLI.
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-db";
import type { Actor } from "@/lib/auth/actor";

// The request the code under test runs in: null = outside a request, as in a script.
const request = vi.hoisted(() => ({ headers: null as Headers | null }));
vi.mock("next/headers", () => ({
  headers: async () => {
    if (!request.headers) throw new Error("`headers` was called outside a request scope");
    return request.headers;
  },
}));

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let log: typeof import("@/lib/audit/log");
let chain: typeof import("@/lib/audit/chain");
let accounts: typeof import("@/lib/data/accounts");
let ava: Actor;
const ROOT = path.resolve(import.meta.dirname, "../..");

beforeAll(async () => {
  t = await createTestDatabase({ accounts: 30 });
  log = await import("@/lib/audit/log");
  chain = await import("@/lib/audit/chain");
  accounts = await import("@/lib/data/accounts");
  ava = t.actor("ava@example.com");
});

afterAll(async () => t?.cleanup());

afterEach(() => {
  request.headers = null;
  log.denialLimiter.reset();
  log.denialLimiter.now = Date.now;
});

/** Empties the log, resets the head to genesis, then appends n rows through the app's writer. */
async function freshChain(n: number) {
  await t.db.auditLog.deleteMany({});
  await t.db.auditHead.update({ where: { id: 1 }, data: { seq: 0, hash: chain.GENESIS_HASH } });
  for (let i = 1; i <= n; i++) {
    await log.audit({ userId: ava.id, action: "test.row", entityType: "Test", entityId: `e${i}`, details: { i, tags: ["a", "b"], nested: { z: i, a: "x" } } });
  }
  return t.db.auditLog.findMany({ orderBy: { seq: "asc" }, select: { id: true, seq: true, hash: true, prevHash: true, createdAt: true } });
}

const verify = (batchSize?: number) => chain.verifyAuditChain(t.db, { batchSize });
// Raw SQL with "?" placeholders; on PostgreSQL they become $1, $2 ... (with a cast where a jsonb column is set).
const sql = (query: string, ...values: unknown[]) => {
  if (t.provider !== "postgresql") return t.db.$executeRawUnsafe(query, ...values);
  let n = 0;
  const pgQuery = query.replace(/"details" = \?/g, () => `"details" = $${++n}::jsonb`).replace(/\?/g, () => `$${++n}`);
  return t.db.$executeRawUnsafe(pgQuery, ...values);
};

describe("appending", () => {
  it("links rows 1..n to each other and to the head, and verifies intact in any batch size", async () => {
    const rows = await freshChain(12);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(rows[0].prevHash).toBe(chain.GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prevHash).toBe(rows[i - 1].hash);
    expect(await t.db.auditHead.findUniqueOrThrow({ where: { id: 1 } })).toEqual({ id: 1, seq: 12, hash: rows[11].hash });
    for (const batch of [undefined, 1, 5, 12]) expect(await verify(batch)).toEqual({ ok: true, checked: 12, legacyRows: 0 });
  });

  it("gives 20 concurrent writers seq 1..20 and an intact chain", async () => {
    await freshChain(0);
    await Promise.all(Array.from({ length: 20 }, (_, i) => log.audit({ action: "test.concurrent", entityType: "Test", entityId: `c${i}` })));
    const rows = await t.db.auditLog.findMany({ orderBy: { seq: "asc" }, select: { seq: true, entityId: true } });
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.entityId)).size).toBe(20);
    expect(await verify(7)).toEqual({ ok: true, checked: 20, legacyRows: 0 });
  });

  it("serialises writers in separate processes (the app server and a script, say)", async () => {
    await freshChain(0);
    // No retry wrapper: the head update is the transaction's first statement, so a writer waits
    // for the lock instead of failing on a read-to-write upgrade, and no two take the same seq.
    const script = (k: number) => `
      import { appendAudit } from "./lib/audit/chain";
      import { createPrismaClient } from "./lib/prisma-client";
      const db = createPrismaClient();
      (async () => {
        for (let i = 0; i < 10; i++) {
          await db.$transaction((tx) => appendAudit(tx, { action: "test.process", entityType: "Test", entityId: "p${k}-" + i }), { maxWait: 15000, timeout: 15000 });
        }
        await db.$disconnect();
      })();`;
    const exits = await Promise.all(
      [0, 1, 2, 3].map(
        (k) =>
          new Promise<number | null>((resolve) => {
            const child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["-e", script(k)], { cwd: ROOT, env: { ...process.env, DATABASE_URL: t.url }, stdio: ["ignore", "ignore", "inherit"] });
            child.on("exit", resolve);
          }),
      ),
    );
    expect(exits).toEqual([0, 0, 0, 0]);
    const rows = await t.db.auditLog.findMany({ orderBy: { seq: "asc" }, select: { seq: true, entityId: true } });
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.entityId)).size).toBe(40);
    expect(await verify()).toEqual({ ok: true, checked: 40, legacyRows: 0 });
  });

  it("rolls back with the caller's transaction: no row, head unchanged", async () => {
    await freshChain(3);
    await expect(
      t.db.$transaction(async (tx) => {
        await log.audit({ action: "test.rolled_back", entityType: "Test" }, tx);
        throw new Error("business rule failed");
      }),
    ).rejects.toThrow("business rule failed");
    expect(await t.db.auditLog.count()).toBe(3);
    expect((await t.db.auditHead.findUniqueOrThrow({ where: { id: 1 } })).seq).toBe(3);
    expect((await verify()).ok).toBe(true);
  });

  it("hashes details the same when the database hands them back with other key order and spacing", async () => {
    await freshChain(5);
    // As PostgreSQL's jsonb would return them: keys reordered.
    await sql(`UPDATE "AuditLog" SET "details" = ? WHERE "seq" = 4`, '{ "tags": ["a","b"], "nested": {"a": "x", "z": 4}, "i": 4 }');
    expect(await verify()).toEqual({ ok: true, checked: 5, legacyRows: 0 });
  });

  it("hashes fractions the same after the database stored them (a rule's statistics, say)", async () => {
    await freshChain(0);
    await log.audit({ action: "test.numbers", entityType: "Test", details: { conviction: 1.4170401195049083, lift: 80.28906955736224, support: 0.0015001500150015, n: 3 } });
    expect(await verify()).toEqual({ ok: true, checked: 1, legacyRows: 0 });
    const stored = await t.db.auditLog.findFirstOrThrow({ where: { action: "test.numbers" }, select: { details: true } });
    expect(stored.details).toMatchObject({ conviction: 1.41704011950491, n: 3 });
  });

  it("records the client from the request, or what the caller gives", async () => {
    await freshChain(0);
    request.headers = new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.7", "user-agent": "UA/1 " + "x".repeat(400) });
    await log.audit({ action: "test.request", entityType: "Test" });
    await log.audit({ action: "test.explicit", entityType: "Test", ip: "192.0.2.1", userAgent: null });
    request.headers = null;
    await log.audit({ action: "test.script", entityType: "Test" });
    const rows = await t.db.auditLog.findMany({ orderBy: { seq: "asc" }, select: { action: true, ip: true, userAgent: true } });
    expect(rows.map((r) => [r.action, r.ip, r.userAgent?.length ?? null])).toEqual([
      ["test.request", "203.0.113.7", 300],
      ["test.explicit", "192.0.2.1", null],
      ["test.script", null, null],
    ]);
    expect((await verify()).ok).toBe(true);
  });
});

describe("tampering is detected at the first broken row", () => {
  it("an edited row: content changed", async () => {
    const rows = await freshChain(10);
    await sql(`UPDATE "AuditLog" SET "details" = ? WHERE "seq" = 5`, '{"i":999}');
    const r = await verify(3);
    expect(r.ok).toBe(false);
    expect(r.checked).toBe(4);
    expect(r.firstBroken).toMatchObject({ seq: 5, id: rows[4].id, kind: "content" });
    expect(r.firstBroken!.createdAt!.getTime()).toBe(rows[4].createdAt.getTime());
  });

  it("an edited row whose hash was recomputed: the next row's link breaks", async () => {
    const rows = await freshChain(10);
    const stored = await t.db.auditLog.findUniqueOrThrow({ where: { seq: 5 } });
    const forged = { ...stored, seq: 5, prevHash: stored.prevHash!, action: "test.forged" };
    await t.db.auditLog.update({ where: { id: stored.id }, data: { action: "test.forged", hash: chain.hashRow(forged) } });
    expect((await verify()).firstBroken).toMatchObject({ seq: 6, id: rows[5].id, kind: "link" });
  });

  it("a deleted middle row: gap in seq at the row after it", async () => {
    const rows = await freshChain(10);
    await sql(`DELETE FROM "AuditLog" WHERE "seq" = 6`);
    const r = await verify();
    expect(r).toMatchObject({ ok: false, checked: 5, firstBroken: { seq: 7, id: rows[6].id, kind: "gap" } });
    expect(r.firstBroken!.reason).toContain("row 6 is missing");
  });

  it("a deleted middle row with the later rows renumbered: the hash covers seq", async () => {
    const rows = await freshChain(10);
    await sql(`DELETE FROM "AuditLog" WHERE "seq" = 6`);
    for (let s = 7; s <= 10; s++) await sql(`UPDATE "AuditLog" SET "seq" = ? WHERE "seq" = ?`, s - 1, s);
    expect((await verify()).firstBroken).toMatchObject({ seq: 6, id: rows[6].id, kind: "link" });
  });

  it("two rows' content swapped (seq kept): the earlier one", async () => {
    const rows = await freshChain(10);
    const cols = ["action", "entityId", "details", "createdAt"];
    await sql(
      `UPDATE "AuditLog" SET ${cols.map((c) => `"${c}" = (SELECT "${c}" FROM "AuditLog" o WHERE o."seq" = CASE "AuditLog"."seq" WHEN 3 THEN 8 ELSE 3 END)`).join(", ")} WHERE "seq" IN (3, 8)`,
    );
    expect((await t.db.auditLog.findUniqueOrThrow({ where: { seq: 3 } })).entityId).toBe("e8");
    expect((await verify()).firstBroken).toMatchObject({ seq: 3, id: rows[2].id, kind: "content" });
  });

  it("two rows swapped with their hashes (only id and seq stay): the earlier one", async () => {
    const rows = await freshChain(10);
    const cols = ["action", "entityId", "details", "createdAt", "prevHash", "hash"];
    await sql(
      `UPDATE "AuditLog" SET ${cols.map((c) => `"${c}" = (SELECT "${c}" FROM "AuditLog" o WHERE o."seq" = CASE "AuditLog"."seq" WHEN 3 THEN 8 ELSE 3 END)`).join(", ")} WHERE "seq" IN (3, 8)`,
    );
    expect((await verify()).firstBroken).toMatchObject({ seq: 3, id: rows[2].id, kind: "link" });
  });

  it("the last row deleted (tail truncated): the head names the missing seq", async () => {
    await freshChain(10);
    await sql(`DELETE FROM "AuditLog" WHERE "seq" = 10`);
    const r = await verify(4);
    expect(r).toMatchObject({ ok: false, checked: 9, firstBroken: { seq: 10, id: null, createdAt: null, kind: "head" } });
    expect(r.firstBroken!.reason).toContain("tail truncated");
  });

  it("the head rewritten: the last row is named", async () => {
    const rows = await freshChain(10);
    await t.db.auditHead.update({ where: { id: 1 }, data: { hash: "f".repeat(64) } });
    expect((await verify()).firstBroken).toMatchObject({ seq: 10, id: rows[9].id, kind: "head" });
  });

  it("rows beyond the head (head rolled back): the first one beyond it", async () => {
    const rows = await freshChain(10);
    await t.db.auditHead.update({ where: { id: 1 }, data: { seq: 8, hash: rows[7].hash! } });
    expect((await verify()).firstBroken).toMatchObject({ seq: 9, id: rows[8].id, kind: "head" });
  });

  it("an unchained row inserted after the chain began; older unchained rows are only counted as legacy", async () => {
    const rows = await freshChain(10);
    const old = new Date(rows[0].createdAt.getTime() - 86_400_000);
    await t.db.auditLog.create({ data: { action: "legacy.row", entityType: "Test", createdAt: old } });
    await t.db.auditLog.create({ data: { action: "legacy.row", entityType: "Test", createdAt: old } });
    expect(await verify()).toEqual({ ok: true, checked: 10, legacyRows: 2 });

    const inserted = await t.db.auditLog.create({ data: { action: "test.inserted", entityType: "Test", createdAt: rows[5].createdAt } });
    const r = await verify();
    expect(r).toMatchObject({ ok: false, checked: 10, legacyRows: 2, firstBroken: { seq: null, id: inserted.id, kind: "unchained" } });
  });
});

describe("auditDenied", () => {
  const denials = () => t.db.auditLog.findMany({ where: { action: "access.denied", userId: ava.id }, orderBy: { seq: "asc" }, select: { details: true } });

  it("writes at most 10 rows per user a minute; the next row carries the suppressed count", async () => {
    await freshChain(0);
    let now = Date.parse("2026-12-01T10:00:00Z");
    log.denialLimiter.now = () => now;
    for (let i = 0; i < 15; i++) {
      await log.auditDenied({ userId: ava.id, permission: "admin:users", entityType: "Account", entityId: `x${i}`, reason: "out of scope or missing" });
      now += 1000;
    }
    expect(await denials()).toHaveLength(10);
    now = Date.parse("2026-12-01T10:01:00Z");
    await log.auditDenied({ userId: ava.id, entityType: "Account", entityId: "later", reason: "out of scope or missing" });
    const rows = await denials();
    expect(rows).toHaveLength(11);
    expect(rows[0].details).toEqual({ reason: "out of scope or missing", permission: "admin:users" });
    expect(rows[10].details).toEqual({ reason: "out of scope or missing", suppressed: 5 });
    // Another user has a budget of their own; anonymous denials are keyed by client address.
    await log.auditDenied({ userId: t.actor("ben@example.com").id, entityType: "Account", reason: "permission" });
    request.headers = new Headers({ "x-forwarded-for": "203.0.113.50" });
    for (let i = 0; i < 12; i++) await log.auditDenied({ entityType: "Account", reason: "permission" });
    expect(await t.db.auditLog.count({ where: { action: "access.denied", ip: "203.0.113.50" } })).toBe(10);
    expect((await verify()).ok).toBe(true);
  });

  it("never throws: a failed write is logged and its count kept for the next row", async () => {
    await freshChain(0);
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    await sql(`ALTER TABLE "AuditHead" RENAME TO "AuditHeadAway"`);
    try {
      await expect(log.auditDenied({ userId: ava.id, entityType: "Account", reason: "permission" })).resolves.toBeUndefined();
    } finally {
      await sql(`ALTER TABLE "AuditHeadAway" RENAME TO "AuditHead"`);
    }
    expect(errors).toHaveBeenCalledTimes(1);
    errors.mockRestore();
    await log.auditDenied({ userId: ava.id, entityType: "Account", reason: "permission" });
    expect((await denials()).map((r) => r.details)).toEqual([{ reason: "permission", suppressed: 1 }]);
  });
});

describe("account views", () => {
  const views = (id: string) => t.db.auditLog.count({ where: { action: "account.view", entityId: id, userId: ava.id } });

  it("are recorded once per page load: not for a server action's re-render or a prefetch", async () => {
    await freshChain(0);
    const a = await t.db.account.findFirstOrThrow({ where: { ownerId: ava.id }, select: { id: true } });
    request.headers = new Headers({ "x-forwarded-for": "203.0.113.9", "user-agent": "Browser/1" });
    await accounts.getAccountDetail(ava, a.id);
    expect(await views(a.id)).toBe(1);
    // The reassign action posts to the page (Next-Action header) and revalidatePath re-renders it.
    request.headers = new Headers({ "x-forwarded-for": "203.0.113.9", "next-action": "7f3a9c" });
    await accounts.getAccountDetail(ava, a.id);
    request.headers = new Headers({ "x-forwarded-for": "203.0.113.9", "next-router-prefetch": "1" });
    await accounts.getAccountDetail(ava, a.id);
    expect(await views(a.id)).toBe(1);
    const row = await t.db.auditLog.findFirstOrThrow({ where: { action: "account.view", entityId: a.id } });
    expect([row.ip, row.userAgent]).toEqual(["203.0.113.9", "Browser/1"]);
  });
});

describe("npm run audit:verify", () => {
  const cli = () =>
    spawnSync("npx", ["tsx", "scripts/audit-verify.ts"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: t.url },
      encoding: "utf8",
    });

  it("exits 0 when intact and 1 naming the row after tampering", async () => {
    const rows = await freshChain(6);
    const intact = cli();
    expect(intact.stdout).toContain("checked rows: 6");
    expect(intact.stdout).toContain("audit chain intact");
    expect(intact.status).toBe(0);

    await sql(`UPDATE "AuditLog" SET "entityId" = 'someone-else' WHERE "seq" = 4`);
    const broken = cli();
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain("seq:    4");
    expect(broken.stdout).toContain(`id:     ${rows[3].id}`);
    expect(broken.stdout).toContain(`time:   ${rows[3].createdAt.toISOString()}`);
    expect(broken.stdout).toContain("content changed");
  });
});
