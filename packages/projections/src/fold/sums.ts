import type { Insert } from "./bulk.js";
import { Column, SortKeys } from "./interned.js";

/** A distribution as the totals and fund summaries group it. */
export interface Grouped {
  service: string;
  month: string;
  /** The rank of her person's name (person ids sort as ranks do). */
  person: number;
}

/** Columns a PersonCells keeps its items in. */
export interface CellScratch {
  items: Column;
  pairs: Column;
}

const newCellScratch = (): CellScratch => ({ items: new Column("int32"), pairs: new Column("int32") });

/** A cell of PersonCells, in key order: its provisional number and its distinct persons. */
export interface PersonCell {
  key: string[];
  cell: number;
  persons: number;
}

/**
 * Groups items by a text key, counting distinct persons per key and each person's items per key:
 * keys are ranked in sorted order, so `cell * persons + person` sorts as (key, person_id) does.
 * Items are two typed columns, and the (cell, person) counts are streamed from one sorted array
 * of keys, never built as a list.
 */
export class PersonCells {
  readonly #cellOf = new Map<string, number>();
  readonly #keys: string[][] = [];
  readonly #items: Column;
  readonly #pairs: Column;
  #sorted: { cells: PersonCell[]; keys: Float64Array } | undefined;

  /**
   * `sortKeys`: an array to sort in, shared with other tables (one is made otherwise); `scratch`:
   * columns for the items, emptied here and reused level after level (a typed array's memory
   * returns only at a major GC, so fresh ones per level would pile up).
   */
  constructor(
    readonly persons: number,
    readonly sortKeys: SortKeys = new SortKeys(),
    scratch: CellScratch = newCellScratch(),
  ) {
    scratch.items.clear();
    scratch.pairs.clear();
    this.#items = scratch.items;
    this.#pairs = scratch.pairs;
  }

  /** Adds an item of `person` under `key`; returns the key's provisional cell number. */
  add(key: string[], person: number): number {
    const joined = key.join("\u0000");
    let cell = this.#cellOf.get(joined);
    if (cell === undefined) {
      cell = this.#keys.length;
      this.#cellOf.set(joined, cell);
      this.#keys.push(key);
    }
    this.#items.push(cell);
    this.#pairs.push(person);
    this.#sorted = undefined;
    return cell;
  }

  /** The cells in key order, each with its provisional number and its distinct persons. */
  cells(): PersonCell[] {
    return this.#sort().cells;
  }

  /** Each (cell, person) with her items in that cell, in (key, person) order. */
  forEachPerson(visit: (cell: PersonCell, person: number, items: number) => void): void {
    const { cells, keys } = this.#sort();
    const P = this.persons;
    for (let k = 0; k < keys.length;) {
      let end = k + 1;
      while (end < keys.length && keys[end] === keys[k]) end++;
      visit(cells[Math.floor(keys[k]! / P)]!, keys[k]! % P, end - k);
      k = end;
    }
  }

  #sort(): { cells: PersonCell[]; keys: Float64Array } {
    if (this.#sorted) return this.#sorted;
    const order = this.#keys.map((_, cell) => cell).sort((a, b) => compareTuples(this.#keys[a]!, this.#keys[b]!));
    const rank = new Int32Array(order.length);
    order.forEach((cell, r) => (rank[cell] = r));
    const P = this.persons;
    if (!Number.isSafeInteger(order.length * P)) throw new Error("too many cells × persons to key exactly");
    const items = this.#items.view();
    const pairs = this.#pairs.view();
    const keys = this.sortKeys.take(items.length);
    for (let k = 0; k < items.length; k++) keys[k] = rank[items[k]!]! * P + pairs[k]!;
    keys.sort();
    const cells = order.map((cell) => ({ key: this.#keys[cell]!, cell, persons: 0 }));
    for (let k = 0; k < keys.length; k++)
      if (k === 0 || keys[k] !== keys[k - 1]) cells[Math.floor(keys[k]! / P)]!.persons += 1;
    return (this.#sorted = { cells, keys });
  }
}

export const compareTuples = (a: readonly string[], b: readonly string[]): number => {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k]! < b[k]! ? -1 : 1;
  return 0;
};

interface Measures {
  distributions: number;
  value: bigint;
  attributed: bigint;
  scheme: bigint;
}

export interface TotalsInput {
  sortKeys: SortKeys;
  voided: Uint8Array;
  /** Rows in distribution_id order. */
  idOrder: Int32Array;
  ids: (row: number) => string;
  personRank: Int32Array;
  persons: number;
  personName: (rank: number) => string;
  attributed: Float64Array;
  cell: (i: number) => { cboId: string; service: string; month: string; value: number; scheme: number };
  funds: Iterable<{ cboId: string; receivedOn: string; amountPaise: number }>;
}

const LEVELS = [
  {
    table: "cbo_cells",
    persons: "cbo_cell_persons",
    keyOf: (c: { cboId: string; service: string; month: string }) => [c.cboId, c.service, c.month],
  },
  { table: "cbo_overall", persons: "cbo_persons", keyOf: (c: { cboId: string }) => [c.cboId] },
  {
    table: "coalition_cells",
    persons: "coalition_cell_persons",
    keyOf: (c: { service: string; month: string }) => [c.service, c.month],
  },
] as const;

type Level = (typeof LEVELS)[number];

/** A level's cells of the counted distributions, each with its measures when asked for. */
function groupLevel(
  t: TotalsInput,
  level: Level,
  scratch: CellScratch,
  withMeasures: boolean,
): { cells: PersonCells; measures: Measures[] } {
  const cells = new PersonCells(t.persons, t.sortKeys, scratch);
  const measures: Measures[] = [];
  for (let i = 0; i < t.voided.length; i++) {
    if (t.voided[i]) continue;
    const c = t.cell(i);
    const cell = cells.add(level.keyOf(c), t.personRank[i]!);
    if (!withMeasures) continue;
    const m = (measures[cell] ??= { distributions: 0, value: 0n, attributed: 0n, scheme: 0n });
    m.distributions += 1;
    m.value += BigInt(c.value);
    m.attributed += BigInt(t.attributed[i]!);
    m.scheme += BigInt(c.scheme);
  }
  return { cells, measures };
}

/**
 * The totals projection's tables from the counted distributions, each written once in key order
 * and in the digest's order of its tables (totals.ts), so the rebuild's digest is taken as they are
 * written: the cells of every level and the funds received, then the contributions, then the
 * persons of every level. A level is grouped twice (cells, then persons) rather than kept, so only
 * one level's cells are in memory at a time.
 */
export function writeTotals(insert: Insert, t: TotalsInput): void {
  // Funds received, per CBO and month and per CBO; a CBO with a fund has an overall row.
  const received = new Map<string, { funds: number; amount: bigint }>();
  const receivedByCbo = new Map<string, { funds: number; amount: bigint }>();
  for (const fund of t.funds) {
    for (const [map, key] of [
      [received, `${fund.cboId}\u0000${fund.receivedOn.slice(0, 7)}`],
      [receivedByCbo, fund.cboId],
    ] as const) {
      const entry = map.get(key) ?? { funds: 0, amount: 0n };
      entry.funds += 1;
      entry.amount += BigInt(fund.amountPaise);
      map.set(key, entry);
    }
  }
  const writeReceived = () => {
    const addReceived = insert("cbo_funds_received", 4);
    for (const key of [...received.keys()].sort()) {
      const [cboId, month] = key.split("\u0000");
      addReceived.row(cboId, month, received.get(key)!.funds, received.get(key)!.amount);
    }
    addReceived.flush();
  };

  const scratch = newCellScratch();
  for (const level of LEVELS) {
    const { cells, measures } = groupLevel(t, level, scratch, true);
    const sorted = cells.cells();
    const overall = level.table === "cbo_overall";
    const width = level.keyOf({ cboId: "", service: "", month: "" }).length;
    const addRow = insert(level.table, width + 6 + (overall ? 2 : 0));
    const row = (key: string[], m: Measures, persons: number) => [
      ...key,
      m.distributions,
      m.value,
      persons,
      m.attributed,
      m.value - m.attributed - m.scheme,
      m.scheme,
    ];
    const zero: Measures = { distributions: 0, value: 0n, attributed: 0n, scheme: 0n };
    // cbo_overall also has a row for each CBO with funds but no counted distribution.
    const fundOnly = overall
      ? [...receivedByCbo.keys()].filter((cboId) => !sorted.some((s) => s.key[0] === cboId))
      : [];
    const rows = [
      ...sorted.map((s) => ({ key: s.key, m: measures[s.cell]!, persons: s.persons })),
      ...fundOnly.map((cboId) => ({ key: [cboId], m: zero, persons: 0 })),
    ].sort((a, b) => compareTuples(a.key, b.key));
    for (const { key, m, persons } of rows) {
      const extra = overall ? [receivedByCbo.get(key[0]!)?.funds ?? 0, receivedByCbo.get(key[0]!)?.amount ?? 0n] : [];
      addRow.row(...row(key, m, persons), ...extra);
    }
    addRow.flush();
    if (level.table === "cbo_cells") writeReceived();
  }

  const contributions = insert("total_contributions", 8);
  for (const i of t.idOrder) {
    if (t.voided[i]) continue;
    const c = t.cell(i);
    contributions.row(
      t.ids(i),
      c.cboId,
      c.service,
      c.month,
      t.personName(t.personRank[i]!),
      c.value,
      t.attributed[i]!,
      c.scheme,
    );
  }
  contributions.flush();

  for (const level of LEVELS) {
    const { cells } = groupLevel(t, level, scratch, false);
    const width = level.keyOf({ cboId: "", service: "", month: "" }).length;
    const addPerson = insert(level.persons, width + 2);
    cells.forEachPerson((cell, person, items) => addPerson.row(...cell.key, t.personName(person), items));
    addPerson.flush();
  }
}

/** Allocations as columns: the distribution's row, the fund's code, the paise. */
export interface AllocationColumns {
  count: number;
  row: ArrayLike<number>;
  fund: ArrayLike<number>;
  paise: ArrayLike<number>;
  fundCode: (fundId: string) => number;
}

/** fund_cells and fund_totals: what each fund paid, by service and month, and whom it reached. */
export function writeFundSummaries(
  insert: Insert,
  funds: readonly { fundId: string; amountPaise: number }[],
  allocations: AllocationColumns,
  grouped: (distribution: number) => Grouped,
  persons: number,
): void {
  // Each fund's allocations, as a run of an index ordered by fund code (counting sort).
  let codes = 0;
  for (let a = 0; a < allocations.count; a++) codes = Math.max(codes, allocations.fund[a]! + 1);
  const start = new Int32Array(codes + 1);
  for (let a = 0; a < allocations.count; a++) start[allocations.fund[a]! + 1]! += 1;
  for (let k = 0; k < codes; k++) start[k + 1]! += start[k]!;
  const byFund = new Int32Array(allocations.count);
  const next = start.slice(0, codes);
  for (let a = 0; a < allocations.count; a++) byFund[next[allocations.fund[a]!]!++] = a;

  const addCell = insert("fund_cells", 6);
  const addTotal = insert("fund_totals", 5);
  for (const fund of funds) {
    const code = allocations.fundCode(fund.fundId);
    const from = code < codes ? start[code]! : 0;
    const to = code < codes ? start[code + 1]! : 0;
    const cells = new PersonCells(persons);
    const sums: { paise: bigint; items: number }[] = [];
    const reached = new Set<number>();
    let total = 0n;
    for (let k = from; k < to; k++) {
      const a = byFund[k]!;
      const paise = allocations.paise[a]!;
      const g = grouped(allocations.row[a]!);
      const cell = cells.add([g.service, g.month], g.person);
      const s = (sums[cell] ??= { paise: 0n, items: 0 });
      s.paise += BigInt(paise);
      s.items += 1;
      reached.add(g.person);
      total += BigInt(paise);
    }
    for (const cell of cells.cells()) {
      const s = sums[cell.cell]!;
      addCell.row(fund.fundId, cell.key[0], cell.key[1], s.paise, s.items, cell.persons);
    }
    addTotal.row(fund.fundId, total, BigInt(fund.amountPaise) - total, to - from, reached.size);
  }
  addCell.flush();
  addTotal.flush();
}
