import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DistributionIds } from "./ids.js";

describe("DistributionIds: ids as 16 bytes behind an open-addressing index", () => {
  it("gives each id one row, finds it again, returns its text exactly and sorts as the text does", () => {
    fc.assert(
      fc.property(fc.array(fc.uuid(), { maxLength: 3_000 }), (uuids) => {
        const ids = new DistributionIds();
        const rows = new Map<string, number>();
        for (const id of uuids) {
          const row = ids.add(id);
          if (rows.has(id)) expect(row).toBe(-1 - rows.get(id)!);
          else {
            expect(row).toBe(rows.size);
            rows.set(id, row);
          }
        }
        expect(ids.length).toBe(rows.size);
        for (const [id, row] of rows) {
          expect(ids.find(id)).toBe(row);
          expect(ids.text(row)).toBe(id);
        }
        expect(ids.find(randomUUID())).toBe(-1);
        const sorted = [...ids.sorted()].map((row) => ids.text(row));
        expect(sorted).toEqual([...rows.keys()].sort());
      }),
      { numRuns: 50 },
    );
  });

  it("keeps ids that differ only in their last bits apart, through many growths of the table", () => {
    const ids = new DistributionIds();
    const text = (k: number) => `0190e5a4-0000-7000-8000-${k.toString(16).padStart(12, "0")}`;
    for (let k = 0; k < 20_000; k++) expect(ids.add(text(k))).toBe(k);
    for (let k = 0; k < 20_000; k += 997) expect(ids.find(text(k))).toBe(k);
    expect(ids.add(text(5))).toBe(-6);
  });

  it("refuses an id that is not a lowercase UUID, which it could not give back as written", () => {
    const ids = new DistributionIds();
    expect(() => ids.add("0190E5A4-0000-7000-8000-000000000001")).toThrow(/lowercase UUID/);
    expect(() => ids.add("not-a-uuid")).toThrow(/lowercase UUID/);
    expect(ids.length).toBe(0);
  });
});
