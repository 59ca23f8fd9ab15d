import { describe, expect, it } from "vitest";
import { HEAD_TABLE, diffTable } from "./diff.js";
import { ALL, TABLES, rowOf } from "./tables.js";

const cbo = (cboId: string, valuePaise: number, month = ALL) =>
  rowOf(TABLES.cboTotals, { cboId, service: month === ALL ? ALL : "grocery_kit", month, valuePaise, distributions: 1 });

describe("comparing report tables", () => {
  it("finds nothing between equal tables, whatever the order of their rows", () => {
    const rows = [cbo("a", 100), cbo("a", 100, "2021-05"), cbo("b", 5)];
    expect(diffTable(TABLES.cboTotals, rows, [...rows].reverse())).toEqual([]);
  });

  it("names the table, key and field of a changed value, with both values", () => {
    expect(diffTable(TABLES.cboTotals, [cbo("a", 100)], [cbo("a", 150)])).toEqual([
      {
        table: "cbo-totals",
        key: { cboId: "a", service: ALL, month: ALL },
        field: "valuePaise",
        left: 100,
        right: 150,
      },
    ]);
  });

  it("names a row present on one side only, in key order, and never compares a number with its text", () => {
    const left = [cbo("a", 100), cbo("c", 1)];
    const right = [cbo("b", 1), { ...cbo("c", 1), distributions: "1" }];
    expect(diffTable(TABLES.cboTotals, left, right)).toEqual([
      expect.objectContaining({
        key: expect.objectContaining({ cboId: "a" }),
        field: "(row)",
        left: "present",
        right: "absent",
      }),
      expect.objectContaining({
        key: expect.objectContaining({ cboId: "b" }),
        field: "(row)",
        left: "absent",
        right: "present",
      }),
      expect.objectContaining({
        key: expect.objectContaining({ cboId: "c" }),
        field: "distributions",
        left: 1,
        right: "1",
      }),
    ]);
  });

  it("compares a table of one row without key columns", () => {
    const head = (rootHash: string) => rowOf(HEAD_TABLE, { events: 3, rootHash });
    expect(diffTable(HEAD_TABLE, [head("aa")], [head("bb")])).toEqual([
      { table: "head", key: {}, field: "rootHash", left: "aa", right: "bb" },
    ]);
  });
});
