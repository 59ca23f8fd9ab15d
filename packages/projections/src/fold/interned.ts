/**
 * Strings that repeat (pseudonyms, CBO ids, dates) kept once and referred to by a small integer
 * code, given in order of first sight; ranks give their sorted order, so a key built of ranks
 * sorts as the strings would (JavaScript's code-unit order, which is SQLite's BINARY order for
 * the ASCII ids, dates and hex pseudonyms the ledger holds).
 */
export class Interned {
  readonly #codes = new Map<string, number>();
  readonly #values: string[] = [];
  #sorted: { ranks: Int32Array; byRank: string[]; codes: Int32Array } | undefined;

  code(value: string): number {
    let code = this.#codes.get(value);
    if (code === undefined) {
      code = this.#values.length;
      this.#codes.set(value, code);
      this.#values.push(value);
      this.#sorted = undefined;
    }
    return code;
  }

  value(code: number): string {
    const value = this.#values[code];
    if (value === undefined) throw new RangeError(`no interned string ${code}`);
    return value;
  }

  size(): number {
    return this.#values.length;
  }

  /** Each code's place in sorted order. */
  ranks(): Int32Array {
    return this.#sort().ranks;
  }

  /** The strings in sorted order. */
  byRank(): string[] {
    return this.#sort().byRank;
  }

  codeOfRank(rank: number): number {
    return this.#sort().codes[rank]!;
  }

  #sort() {
    if (this.#sorted) return this.#sorted;
    const byRank = this.#values.toSorted();
    const codes = new Int32Array(byRank.length);
    const ranks = new Int32Array(byRank.length);
    byRank.forEach((value, rank) => {
      const code = this.#codes.get(value)!;
      codes[rank] = code;
      ranks[code] = rank;
    });
    return (this.#sorted = { ranks, byRank, codes });
  }
}

/**
 * One array of sort keys reused by every table of the write phase in turn: a table's keys die with
 * it, but a typed array's memory returns only at a major GC, so fresh arrays per table would pile up.
 */
export class SortKeys {
  #data = new Float64Array(0);

  /** `length` keys to fill; valid until the next call. */
  take(length: number): Float64Array {
    if (this.#data.length < length) this.#data = new Float64Array(length);
    return this.#data.subarray(0, length);
  }
}

/** A column of numbers that grows by doubling: 4 (Int32) or 8 (Float64) bytes a row, not a JS array's 8–16. */
export class Column {
  #data: Int32Array | Float64Array;
  #length = 0;

  constructor(readonly kind: "int32" | "float64") {
    this.#data = kind === "int32" ? new Int32Array(1_024) : new Float64Array(1_024);
  }

  get length(): number {
    return this.#length;
  }

  push(value: number): void {
    if (this.#length === this.#data.length) {
      const grown = this.kind === "int32" ? new Int32Array(this.#length * 2) : new Float64Array(this.#length * 2);
      grown.set(this.#data);
      this.#data = grown;
    }
    this.#data[this.#length++] = value;
  }

  at(row: number): number {
    return this.#data[row]!;
  }

  /** The rows so far, without a copy. */
  view(): Int32Array | Float64Array {
    return this.#data.subarray(0, this.#length);
  }
}
