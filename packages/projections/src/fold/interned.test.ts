import { describe, expect, it } from "vitest";
import { NarrowColumn } from "./interned.js";

describe("NarrowColumn: numbers in the narrowest width that holds them", () => {
  it("keeps every value exactly as it widens from bytes to doubles, across growth", () => {
    const values = [
      ...Array.from({ length: 3_000 }, (_, k) => k % 256),
      300,
      ...Array.from({ length: 3_000 }, (_, k) => k),
      70_000,
      -1,
      2 ** 40,
      0.5,
      Number.MAX_SAFE_INTEGER,
    ];
    const column = new NarrowColumn();
    const widths: number[] = [];
    for (const value of values) {
      column.push(value);
      widths.push(column.view().BYTES_PER_ELEMENT);
    }
    expect([...column.view()]).toEqual(values);
    expect(column.length).toBe(values.length);
    expect(column.at(3_000)).toBe(300);
    // 1 byte while every value fits one, then 2, 4 and 8 as values stop fitting.
    expect([...new Set(widths)]).toEqual([1, 2, 4, 8]);
  });
});
