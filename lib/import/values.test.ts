import { describe, expect, it } from "vitest";
import { assignOwners } from "./assign";
import { mapColumns } from "./columns";
import { isCancellationNumber, isNonProductCode, normalizeId, parseBool, parseDate, parseInteger, parseMoney } from "./values";

describe("import cell parsers", () => {
  it("reads ISO dates, date-times and M/D/YYYY H:MM as UTC, and names what is wrong otherwise", () => {
    expect(parseDate("2009-12-01 07:45:00")).toBe(Date.UTC(2009, 11, 1, 7, 45));
    expect(parseDate("2009-12-01")).toBe(Date.UTC(2009, 11, 1));
    expect(parseDate("12/1/2010 8:26")).toBe(Date.UTC(2010, 11, 1, 8, 26));
    expect(parseDate("2/30/2010 8:26")).toHaveProperty("error");
    expect(parseDate("2024-13-45")).toHaveProperty("error");
    expect(parseDate("")).toEqual({ error: "empty date" });
  });

  it("turns money into integer cents and refuses what is not a number", () => {
    expect(parseMoney("6.95")).toBe(695);
    expect(parseMoney("2.1")).toBe(210);
    expect(parseMoney("£0.85")).toBe(85);
    expect(parseMoney("-11062.06")).toBe(-1106206);
    expect(parseMoney("abc")).toEqual({ error: "not a number" });
    expect(parseMoney("")).toEqual({ error: "not a number" });
    expect(parseInteger("12")).toBe(12);
    expect(parseInteger("-3")).toBe(-3);
    expect(parseInteger("1.5")).toEqual({ error: "not a whole number" });
    expect(parseInteger("two")).toEqual({ error: "not a number" });
  });

  it("reads yes/no flags, spreadsheet ids, cancellation numbers and non-product codes", () => {
    expect([parseBool("Yes"), parseBool("0"), parseBool("")]).toEqual([true, false, false]);
    expect(parseBool("maybe")).toHaveProperty("error");
    expect(normalizeId("13085.0")).toBe("13085");
    expect(normalizeId(" C-13085 ")).toBe("C-13085");
    expect([isCancellationNumber("C489449"), isCancellationNumber("489449"), isCancellationNumber("CUSTOM")]).toEqual([true, false, false]);
    for (const code of ["POST", "M", "m", "D", "DOT", "ADJUST", "ADJUST2", "BANK CHARGES", "C2", "TEST001", "AMAZONFEE", "gift_0001_20"]) expect(isNonProductCode(code), code).toBe(true);
    for (const code of ["85048", "79323P", "DCGS0058", "MUG"]) expect(isNonProductCode(code), code).toBe(false);
  });
});

describe("column mapping", () => {
  it("matches the UCI Online Retail headers and leaves unknown ones unmatched", () => {
    const header = ["Invoice", "StockCode", "Description", "Quantity", "InvoiceDate", "Price", "Customer ID", "Country", "Extra"];
    const m = mapColumns("orders", header);
    expect(m.positions).toEqual({ order_id: 0, product_id: 1, description: 2, quantity: 3, order_date: 4, unit_price: 5, customer_id: 6, region: 7 });
    expect(m.missing).toEqual([]);
    expect(m.unmatched).toEqual(["Extra"]);
  });

  it("takes an explicit mapping over the aliases, and reports required fields left out", () => {
    const m = mapColumns("orders", ["Bestellung", "Artikel", "Menge", "Datum", "Preis", "Kunde"], { order_id: "Bestellung", product_id: "Artikel", quantity: "Menge", order_date: "Datum", unit_price: "Preis" });
    expect(m.missing).toEqual(["customer_id"]);
    expect(m.positions.order_id).toBe(0);
  });
});

describe("owner assignment", () => {
  it("deals accounts largest first to the rep with the least revenue so far", () => {
    const reps = ["a", "b", "c"].map((id) => ({ id, email: `${id}@x`, teamId: null, teamName: null }));
    const owners = assignOwners([100, 90, 50, 40, 30, 5].map((r, i) => ({ key: `k${i}`, revenueCents: r })), reps);
    // a 100, b 90, c 50; then c 90 (least loaded); b and c tie at 90, b has fewer accounts: 120; c 95.
    expect([...owners.entries()].map(([k, o]) => `${k}:${o.id}`)).toEqual(["k0:a", "k1:b", "k2:c", "k3:c", "k4:b", "k5:c"]);
  });
});
