/**
 * Reads the scoring inputs from PostgreSQL: small tables at once, order lines streamed with
 * COPY (SELECT ...) TO STDOUT and parsed chunk by chunk, so 2M+ lines never sit in one array or in
 * pg's row objects (a cursor with FETCH would build an object per row; COPY's text is parsed in place).
 */
import { StringDecoder } from "node:string_decoder";
import { to as copyTo } from "pg-copy-streams";
import { pgDate, unescapeCopy, type PgPool } from "./postgres-sql";
import { parseJsonArray, PRODUCTS_SQL, settingsFromRows } from "./store-common";
import type { AccountInput, ExcludedOffer, OrderLineSink, PairInput, ProductInput, ScoringInputs } from "./types";

// A rule an admin rejected (one product on each side) blocks its target for buyers of its source, as a
// suppressed pair does, unless the catalog pairs the two products itself (the curated pair wins).
const REJECTED_RULES_AS_PAIRS = `SELECT 'rule_' || d."id", d."antecedentKey", d."consequentKey", 'CROSS_SELL', 0, 0, '[]'::jsonb, false, true FROM "RuleDecision" d
   WHERE d."status" = 'REJECTED' AND strpos(d."antecedentKey", '|') = 0 AND strpos(d."consequentKey", '|') = 0
     AND NOT EXISTS (SELECT 1 FROM "ProductPair" p WHERE p."sourceProductId" = d."antecedentKey" AND p."targetProductId" = d."consequentKey")`;

export async function readInputs(pool: PgPool, now: Date = new Date()): Promise<ScoringInputs> {
  const [settingRows, products, pairs, accounts, latest] = await Promise.all([
    pool.query<{ key: string; value: string }>('SELECT "key", "value"::text AS "value" FROM "Setting"'),
    pool.query<ProductInput>(PRODUCTS_SQL),
    pool.query<Omit<PairInput, "eligibleSegments"> & { eligibleSegments: unknown }>(
      `SELECT "id", "sourceProductId", "targetProductId", "type"::text AS "type", "windowMinDays", "windowMaxDays", "eligibleSegments", "active", "suppressed" FROM "ProductPair"
       UNION ALL ${REJECTED_RULES_AS_PAIRS}`,
    ),
    pool.query<AccountInput>('SELECT "id", "ownerId", "doNotContact", "phoneConsent", "emailConsent" FROM "Account"'),
    pool.query<{ at: Date | null }>('SELECT MAX("orderedAt") AS "at" FROM "Order"'),
  ]);
  const settings = settingsFromRows(settingRows.rows);
  // Declines count from the time they were logged (real time, not the data's as-of date); a won offer
  // is owned from then on even before its order line arrives.
  const since = pgDate(now.getTime() - settings.cooldownDays * 86_400_000);
  const excluded = await pool.query<ExcludedOffer>(
    `SELECT o."accountId" AS "accountId", o."productId" AS "productId" FROM "Activity" a JOIN "Opportunity" o ON o."id" = a."opportunityId"
     WHERE a."outcome" = 'NOT_INTERESTED' AND a."createdAt" >= $1::timestamp
     UNION SELECT "accountId", "productId" FROM "Opportunity" WHERE "status" = 'WON'`,
    [since],
  );
  return {
    settings,
    products: products.rows,
    pairs: pairs.rows.map((p) => ({ ...p, eligibleSegments: parseJsonArray(p.eligibleSegments) })),
    accounts: accounts.rows,
    excluded: excluded.rows,
    latestOrderAt: latest.rows[0]?.at ? latest.rows[0].at.getTime() : null,
  };
}

/** "2026-11-30 09:15:00.25" (datestyle ISO, TIMESTAMP holding UTC) -> epoch ms. */
const timestampMs = (text: string) => Date.parse(`${text.replace(" ", "T")}Z`);

/**
 * Streams order lines (optionally only those before an instant) into the sink; returns the count.
 * Heap order, as SQLite returns its rowid order: both are the insertion order of the lines.
 */
export async function streamOrderLines(pool: PgPool, sink: OrderLineSink, beforeMs: number | null): Promise<number> {
  // A literal, not a parameter: COPY takes none. pgDate yields only digits, '-', ':', '.', 'T' and 'Z'.
  const where = beforeMs === null || !Number.isFinite(beforeMs) ? "" : ` WHERE "orderedAt" < '${pgDate(beforeMs)}'::timestamp`;
  const sql = `COPY (SELECT "orderId", "accountId", "orderedAt", "productId", "quantity", "returnedQuantity", "unitPriceCents" FROM "OrderLine"${where}) TO STDOUT`;
  const client = await pool.connect();
  let n = 0;
  let failed = false;
  try {
    const stream = client.query(copyTo(sql));
    const decoder = new StringDecoder("utf8");
    const f: string[] = new Array(7);
    let carry = "";
    // Lines of one order share its timestamp text: parse each distinct text once.
    let lastText = "";
    let lastMs = 0;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const text = carry + decoder.write(chunk);
      let pos = 0;
      for (let nl = text.indexOf("\n", pos); nl !== -1; nl = text.indexOf("\n", pos)) {
        let start = pos;
        for (let k = 0; k < 6; k++) {
          const tab = text.indexOf("\t", start);
          f[k] = text.slice(start, tab);
          start = tab + 1;
        }
        f[6] = text.slice(start, nl);
        pos = nl + 1;
        if (f[2] !== lastText) {
          lastText = f[2];
          lastMs = timestampMs(lastText);
        }
        const orderId = f[0].includes("\\") ? unescapeCopy(f[0]) : f[0];
        const accountId = f[1].includes("\\") ? unescapeCopy(f[1]) : f[1];
        const productId = f[3].includes("\\") ? unescapeCopy(f[3]) : f[3];
        sink(orderId, accountId, lastMs, productId, +f[4], +f[5], +f[6]);
        n++;
      }
      carry = text.slice(pos);
    }
    if (carry + decoder.end() !== "") throw new Error("order lines: COPY output ended inside a row");
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    // A COPY abandoned half-way leaves the connection mid-protocol: close it instead of reusing it.
    client.release(failed);
  }
  return n;
}
