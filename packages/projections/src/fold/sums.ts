import type { Database } from "better-sqlite3";

/** A distribution as the totals and fund summaries group it. */
export interface Grouped {
  service: string;
  month: string;
  /** The rank of her person's name (person ids sort as ranks do). */
  person: number;
}

/**
 * Groups items by a text key, counting distinct persons per key and each person's items per key:
 * keys are ranked in sorted order, so `cell * persons + person` sorts as (key, person_id) does.
 */
export class PersonCells {
  readonly #cellOf = new Map<string, number>();
  readonly #keys: string[][] = [];
  readonly #items: number[] = [];
  readonly #pairs: number[] = [];

  constructor(readonly persons: number) {}

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
    return cell;
  }

  /**
   * The cells in key order, each with its provisional number, its distinct persons, and its
   * (person, items) pairs in person order.
   */
  cells(): { key: string[]; cell: number; persons: number; counts: [person: number, items: number][] }[] {
    const order = this.#keys.map((_, cell) => cell).sort((a, b) => compareTuples(this.#keys[a]!, this.#keys[b]!));
    const rank = new Int32Array(order.length);
    order.forEach((cell, r) => (rank[cell] = r));
    const P = this.persons;
    if (!Number.isSafeInteger(order.length * P)) throw new Error("too many cells × persons to key exactly");
    const keys = new Float64Array(this.#items.length);
    this.#items.forEach((cell, k) => (keys[k] = rank[cell]! * P + this.#pairs[k]!));
    keys.sort();
    const result = order.map((cell) => ({
      key: this.#keys[cell]!,
      cell,
      persons: 0,
      counts: [] as [number, number][],
    }));
    for (let k = 0; k < keys.length;) {
      let end = k + 1;
      while (end < keys.length && keys[end] === keys[k]) end++;
      const r = Math.floor(keys[k]! / P);
      const entry = result[r]!;
      entry.persons += 1;
      entry.counts.push([keys[k]! % P, end - k]);
      k = end;
    }
    return result;
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
  voided: Uint8Array;
  idOrder: readonly number[];
  ids: readonly string[];
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

/** The totals projection's tables from the counted distributions, each written once in key order. */
export function writeTotals(db: Database, t: TotalsInput): void {
  const contributions = db.prepare("INSERT INTO total_contributions VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  const levels = LEVELS.map(() => ({ cells: new PersonCells(t.persons), measures: [] as Measures[] }));
  for (const i of t.idOrder) {
    if (t.voided[i]) continue;
    const c = t.cell(i);
    const attributed = t.attributed[i]!;
    contributions.run(
      t.ids[i],
      c.cboId,
      c.service,
      c.month,
      t.personName(t.personRank[i]!),
      c.value,
      attributed,
      c.scheme,
    );
    LEVELS.forEach((level, l) => {
      const { cells, measures } = levels[l]!;
      const cell = cells.add(level.keyOf(c), t.personRank[i]!);
      const m = (measures[cell] ??= { distributions: 0, value: 0n, attributed: 0n, scheme: 0n });
      m.distributions += 1;
      m.value += BigInt(c.value);
      m.attributed += BigInt(attributed);
      m.scheme += BigInt(c.scheme);
    });
  }

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
  const addReceived = db.prepare("INSERT INTO cbo_funds_received VALUES (?, ?, ?, ?)");
  for (const key of [...received.keys()].sort()) {
    const [cboId, month] = key.split("\u0000");
    addReceived.run(cboId, month, received.get(key)!.funds, received.get(key)!.amount);
  }

  LEVELS.forEach((level, l) => {
    const { cells, measures } = levels[l]!;
    const sorted = cells.cells();
    const overall = level.table === "cbo_overall";
    const others = overall ? ", ?, ?" : "";
    const width = level.keyOf({ cboId: "", service: "", month: "" }).length;
    const marks = Array.from({ length: width + 6 }, () => "?").join(", ");
    const addRow = db.prepare(`INSERT INTO ${level.table} VALUES (${marks}${others})`);
    const addPerson = db.prepare(
      `INSERT INTO ${level.persons} VALUES (${Array.from({ length: width + 2 }, () => "?").join(", ")})`,
    );
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
      addRow.run(...row(key, m, persons), ...extra);
    }
    for (const s of sorted) {
      for (const [person, items] of s.counts) addPerson.run(...s.key, t.personName(person), items);
    }
  });
}

/** fund_cells and fund_totals: what each fund paid, by service and month, and whom it reached. */
export function writeFundSummaries(
  db: Database,
  funds: readonly { fundId: string; amountPaise: number }[],
  allocations: readonly { distribution: number; fundId: string; paise: number }[],
  grouped: (distribution: number) => Grouped,
  persons: number,
): void {
  const byFund = new Map<string, { distribution: number; paise: number }[]>();
  for (const a of allocations) {
    const list = byFund.get(a.fundId) ?? [];
    list.push(a);
    byFund.set(a.fundId, list);
  }
  const addCell = db.prepare("INSERT INTO fund_cells VALUES (?, ?, ?, ?, ?, ?)");
  const addTotal = db.prepare("INSERT INTO fund_totals VALUES (?, ?, ?, ?, ?)");
  for (const fund of funds) {
    const paid = byFund.get(fund.fundId) ?? [];
    const cells = new PersonCells(persons);
    const sums: { paise: bigint; items: number }[] = [];
    const reached = new Set<number>();
    let total = 0n;
    for (const { distribution, paise } of paid) {
      const g = grouped(distribution);
      const cell = cells.add([g.service, g.month], g.person);
      const s = (sums[cell] ??= { paise: 0n, items: 0 });
      s.paise += BigInt(paise);
      s.items += 1;
      reached.add(g.person);
      total += BigInt(paise);
    }
    for (const cell of cells.cells()) {
      const s = sums[cell.cell]!;
      addCell.run(fund.fundId, cell.key[0], cell.key[1], s.paise, s.items, cell.persons);
    }
    addTotal.run(fund.fundId, total, BigInt(fund.amountPaise) - total, paid.length, reached.size);
  }
}
