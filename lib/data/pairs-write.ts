import "server-only";
import { db } from "@/lib/db";
import { audit } from "@/lib/audit/log";
import { authorize, outOfScope } from "@/lib/auth/authorize";
import { withWriteRetry } from "@/lib/data/write-retry";
import { snapshotOf } from "@/lib/data/pairs";
import { catalogChecks, type CatalogFacts, type PairFields } from "@/lib/domain/catalog-checks";
import { parseSnapshot, type PairSnapshot } from "@/lib/domain/pair-diff";
import { AppError, isUniqueViolation } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { PairType } from "@/lib/generated/prisma/enums";
import type { CreatePairInput, UpdatePairInput } from "@/lib/validations/pairs";

export type PairSaved = { id: string; version: number; active: boolean };

type Client = Prisma.TransactionClient | typeof db;

/** The facts the catalog checks need, read with the given client (inside the write transaction on save). */
export async function catalogFacts(client: Client, p: Pick<PairFields, "sourceProductId" | "targetProductId">, exceptPairId?: string): Promise<CatalogFacts> {
  const [source, target, duplicate, reverseUpsell] = await Promise.all([
    client.product.findUnique({ where: { id: p.sourceProductId }, select: { name: true, active: true } }),
    client.product.findUnique({ where: { id: p.targetProductId }, select: { name: true, active: true } }),
    client.productPair.findFirst({ where: { sourceProductId: p.sourceProductId, targetProductId: p.targetProductId, ...(exceptPairId ? { id: { not: exceptPairId } } : {}) }, select: { id: true } }),
    client.productPair.findFirst({ where: { sourceProductId: p.targetProductId, targetProductId: p.sourceProductId, type: "UPSELL", active: true }, select: { id: true } }),
  ]);
  return { source, target, duplicate, reverseUpsell };
}

/** Runs the checks; any problem is one INVALID_INPUT whose field errors sit on the form's fields. */
export function assertCatalogChecks(fields: PairFields, facts: CatalogFacts, activating: boolean): void {
  const problems = catalogChecks(fields, facts, activating);
  const entries = Object.entries(problems);
  if (entries.length === 0) return;
  const [field, message] = entries[0];
  throw new AppError("INVALID_INPUT", `${field}: ${message}`, problems as Record<string, string>);
}

const DUPLICATE = () =>
  new AppError("INVALID_INPUT", "targetProductId: This source and target are already paired: edit that pair instead", {
    targetProductId: "This source and target are already paired: edit that pair instead",
  });

function data(s: PairSnapshot) {
  return {
    sourceProductId: s.sourceProductId,
    targetProductId: s.targetProductId,
    type: s.type as PairType,
    bundleDiscountPct: s.type === "BUNDLE" ? s.bundleDiscountPct : null,
    windowMinDays: s.windowMinDays,
    windowMaxDays: s.windowMaxDays,
    eligibleSegments: s.eligibleSegments,
    talkingPoints: s.talkingPoints,
    objectionHandling: s.objectionHandling,
    active: s.active,
  };
}

/** Writes the version row and the audit row of a change, inside the change's transaction. */
export async function recordVersion(
  tx: Prisma.TransactionClient,
  actor: Actor,
  entry: { pairId: string; version: number; action: string; before: PairSnapshot | null; after: PairSnapshot; extra?: Record<string, unknown> },
): Promise<void> {
  await tx.productPairVersion.create({
    data: {
      pairId: entry.pairId, version: entry.version, action: entry.action, before: entry.before ?? undefined, after: entry.after,
      userId: actor.id, userName: actor.name,
    },
  });
  await audit(
    { userId: actor.id, action: `pair.${entry.action}`, entityType: "ProductPair", entityId: entry.pairId, details: { version: entry.version, before: entry.before, after: entry.after, ...entry.extra } },
    tx,
  );
}

export async function createPair(actor: Actor, input: CreatePairInput): Promise<PairSaved> {
  await authorize(actor, "pairs:write", "Pair");
  const after: PairSnapshot = { ...input, bundleDiscountPct: input.type === "BUNDLE" ? input.bundleDiscountPct : null };
  try {
    return await withWriteRetry(() =>
      db.$transaction(async (tx) => {
        assertCatalogChecks(input, await catalogFacts(tx, input), input.active);
        const pair = await tx.productPair.create({ data: { ...data(after), origin: "MANUAL", version: 1, updatedById: actor.id }, select: { id: true } });
        await recordVersion(tx, actor, { pairId: pair.id, version: 1, action: "create", before: null, after });
        return { id: pair.id, version: 1, active: after.active };
      }),
    );
  } catch (e) {
    // A concurrent create of the same pair lost the race on the unique (source, target).
    if (isUniqueViolation(e)) throw DUPLICATE();
    throw e;
  }
}

const sameSnapshot = (a: PairSnapshot, b: PairSnapshot) => JSON.stringify(a) === JSON.stringify({ ...a, ...b });

const conflict = (by: string | null, at: Date) =>
  new AppError("CONFLICT", `${by ?? "Someone else"} saved this pair (${at.toISOString().slice(0, 16).replace("T", " ")} UTC) while you were editing. Nothing was saved; reload to see their version and edit again.`);

/**
 * Replaces a pair's fields with `next` if the pair is still at `version`, after the catalog checks;
 * the guarded update comes first, so the transaction holds the write lock before it reads the facts.
 */
async function writePair(actor: Actor, id: string, version: number, next: (current: PairSnapshot) => PairSnapshot, action: (before: PairSnapshot, after: PairSnapshot) => string, extra?: Record<string, unknown>): Promise<PairSaved> {
  const current = await db.productPair.findUnique({ where: { id }, select: { id: true } });
  if (!current) throw await outOfScope(actor, "Pair", id);
  try {
    return await withWriteRetry(() =>
      db.$transaction(async (tx) => {
        const row = await tx.productPair.findUniqueOrThrow({ where: { id } });
        const before = snapshotOf(row);
        const after = next(before);
        const guarded = await tx.productPair.updateMany({ where: { id, version }, data: { ...data(after), version: { increment: 1 }, updatedById: actor.id } });
        if (guarded.count === 0) {
          // A repeated submit of the change this user has just saved is answered with that save.
          if (row.version === version + 1 && row.updatedById === actor.id && sameSnapshot(before, next(before))) return { id, version: row.version, active: row.active };
          const by = row.updatedById ? await tx.user.findUnique({ where: { id: row.updatedById }, select: { name: true } }) : null;
          throw conflict(by?.name ?? null, row.updatedAt);
        }
        // Checks see the pair's own row as it is now, so it is never its own duplicate.
        const activating = after.active;
        assertCatalogChecks({ ...after, type: after.type as PairType }, await catalogFacts(tx, after, id), activating);
        await recordVersion(tx, actor, { pairId: id, version: version + 1, action: action(before, after), before, after, extra });
        return { id, version: version + 1, active: after.active };
      }),
    );
  } catch (e) {
    if (isUniqueViolation(e)) throw DUPLICATE();
    throw e;
  }
}

export async function updatePair(actor: Actor, input: UpdatePairInput): Promise<PairSaved> {
  await authorize(actor, "pairs:write", "Pair");
  const { id, version, ...fields } = input;
  return writePair(actor, id, version, (current) => ({ ...fields, bundleDiscountPct: fields.type === "BUNDLE" ? fields.bundleDiscountPct : null, active: current.active }), () => "update");
}

/** Deactivates or reactivates; reactivating runs the catalog checks again (products may have been retired since). */
export async function setPairActive(actor: Actor, input: { id: string; version: number; active: boolean }): Promise<PairSaved> {
  await authorize(actor, "pairs:write", "Pair");
  return writePair(actor, input.id, input.version, (current) => ({ ...current, active: input.active }), () => (input.active ? "reactivate" : "deactivate"));
}

/** Writes an old version's fields as a new version (the history keeps everything in between). */
export async function restorePairVersion(actor: Actor, input: { id: string; version: number; restoreVersion: number }): Promise<PairSaved> {
  await authorize(actor, "pairs:write", "Pair");
  const old = await db.productPairVersion.findUnique({ where: { pairId_version: { pairId: input.id, version: input.restoreVersion } }, select: { after: true } });
  const snapshot = parseSnapshot(old?.after);
  if (!snapshot) {
    const pair = await db.productPair.findUnique({ where: { id: input.id }, select: { id: true } });
    if (!pair) throw await outOfScope(actor, "Pair", input.id);
    throw new AppError("INVALID_INPUT", `restoreVersion: version ${input.restoreVersion} is not in this pair's history`, { restoreVersion: "No such version" });
  }
  return writePair(actor, input.id, input.version, () => snapshot, () => "restore", { restoredFrom: input.restoreVersion });
}
