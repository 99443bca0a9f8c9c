// Compile-time guard (checked by `tsc`): the generator's row types carry exactly the columns of the
// Prisma models, with assignable types, so a schema change breaks the typecheck, not the seed.
import { describe, expect, it } from "vitest";
import type * as Db from "@/lib/generated/prisma/client";
import type { AccountRow, OrderLineRow, OrderRow, ProductPairRow, ProductRow, SettingRow, TeamRow, UserRow } from "./types";

type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : false;
type Conforms<Row, Model> = SameKeys<Row, Model> extends true ? (Row extends Model ? true : false) : false;

// Account's segment / clv / pAlive (scoring runs) and lastReachedAt (logged outreach) stay NULL in the seed.
const checks: [
  Conforms<TeamRow, Db.Team>,
  Conforms<UserRow, Db.User>,
  Conforms<AccountRow, Omit<Db.Account, "segment" | "clv" | "pAlive" | "lastReachedAt">>,
  // A product's edit version and a pair's mined-rule snapshot start at their column defaults (1, NULL);
  // the demo catalog's unit costs are known, so unitCostEstimated stays at its default (false).
  Conforms<ProductRow, Omit<Db.Product, "version" | "unitCostEstimated">>,
  Conforms<OrderRow, Db.Order>,
  Conforms<OrderLineRow, Db.OrderLine>,
  Conforms<ProductPairRow, Omit<Db.ProductPair, "minedRuleSnapshot">>,
  Conforms<SettingRow, Omit<Db.Setting, "value"> & { value: unknown }>,
] = [true, true, true, true, true, true, true, true];

describe("row types", () => {
  it("match the Prisma models (enforced by the typecheck)", () => {
    expect(checks.every(Boolean)).toBe(true);
  });
});
