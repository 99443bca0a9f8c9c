import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { InputError, readOrderLinesFile, readOrderLinesFromString } from "./csv-input";

const HEADER = "order_id,customer_id,order_date,product_id,quantity,unit_price";

async function error(csv: string): Promise<InputError> {
  try {
    await readOrderLinesFromString(csv);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error("expected an InputError");
}

describe("readOrderLines", () => {
  it("reads rows, interns ids, keeps returns and missing customers", async () => {
    const t = await readOrderLinesFromString(
      `${HEADER},extra\n1,c1,2024-01-02,p1,2,3.5,x\n1,c1,2024-01-02T10:00:00Z,p2,-1,3.5,y\n2,,2024-01-03 08:26:00,p1,1,1,z\n`,
    );
    expect(t.length).toBe(3);
    expect(t.orderIds).toEqual(["1", "2"]);
    expect(t.customerIds).toEqual(["c1"]);
    expect(Array.from(t.customerIdx)).toEqual([0, 0, -1]);
    expect(Array.from(t.quantity)).toEqual([2, -1, 1]);
    expect(t.time[1] - t.time[0]).toBe(10 * 3600_000);
  });

  it("accepts case-insensitive headers, column aliases and quoted fields", async () => {
    const t = await readOrderLinesFromString(
      'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n536365,85123A,"WHITE, HANGING\nHEART",6,2010-12-01 08:26:00,2.55,17850,United Kingdom\n',
    );
    expect(t.productIds).toEqual(["85123A"]);
    expect(t.customerIds).toEqual(["17850"]);
  });

  it("names line and column for an unparsable date", async () => {
    const e = await error(`${HEADER}\n1,a,2024-01-01,p,1,2\n2,a,2024-02-30,p,1,2\n`);
    expect([e.line, e.column]).toEqual([3, "order_date"]);
    expect(e.message).toMatch(/line 3, column order_date/);
  });

  it("counts lines inside quoted fields when naming the line", async () => {
    const e = await error(`order_id,customer_id,order_date,product_id,quantity,unit_price,note\n1,a,2024-01-01,p,1,2,"two\nlines"\n2,a,2024-01-01,p,x,2,ok\n`);
    expect([e.line, e.column]).toEqual([4, "quantity"]);
  });

  it("names line and column for a bad number, a missing value and a missing column", async () => {
    expect(await error(`${HEADER}\n1,a,2024-01-01,p,1,abc\n`)).toMatchObject({ line: 2, column: "unit_price" });
    expect(await error(`${HEADER}\n1,a,2024-01-01,p,,2\n`)).toMatchObject({ line: 2, column: "quantity" });
    expect(await error(`${HEADER}\n1,a,2024-01-01\n`)).toMatchObject({ line: 2, column: "product_id" });
    expect(await error(`order_id,customer_id,order_date,quantity,unit_price\n1,a,2024-01-01,1,2\n`)).toMatchObject({ line: 1, column: "product_id" });
  });

  it("reads CRLF line breaks and a byte-order mark, and skips blank lines", async () => {
    const t = await readOrderLinesFromString(`\ufeff${HEADER}\r\n1,a,2024-01-01,p,1,2\r\n\r\n2,a,"x\r\ny",p,1,2\r\n`).catch((e) => e);
    expect(t).toMatchObject({ line: 5, column: "order_date" });
    const ok = await readOrderLinesFromString(`\ufeff${HEADER}\r\n1,a,2024-01-01,p,1,2\r\n\r\n2,b,2024-01-02,q,1,2\r\n`);
    expect(ok.length).toBe(2);
    expect(ok.productIds).toEqual(["p", "q"]);
  });

  it("names the line of malformed CSV (unterminated or stray quotes)", async () => {
    expect(await error(`${HEADER}\n1,a,2024-01-01,p,1,2\n2,a,"2024-01-01,p,1,2\n`)).toMatchObject({ line: 3, column: null });
    expect((await error(`${HEADER}\n1,"a"b,2024-01-01,p,1,2\n`)).message).toMatch(/^line 2, column \?: malformed CSV/);
  });

  it("rejects an empty file and a missing file", async () => {
    expect(await error("")).toMatchObject({ line: 1 });
    await expect(readOrderLinesFile("/nonexistent/orders.csv")).rejects.toThrow(/no such file/);
  });

  it("reads gzip-compressed files", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "analytics-"));
    const file = path.join(dir, "orders.csv.gz");
    writeFileSync(file, gzipSync(`${HEADER}\n1,a,2024-01-01,p,1,2\n`));
    const t = await readOrderLinesFile(file);
    expect(t.length).toBe(1);
    const cut = path.join(dir, "cut.csv.gz");
    const whole = gzipSync(`${HEADER}\n${"1,a,2024-01-01,p,1,2\n".repeat(2000)}`);
    writeFileSync(cut, whole.subarray(0, whole.length >> 1));
    await expect(readOrderLinesFile(cut)).rejects.toThrow(/broken gzip data/);
  });
});
