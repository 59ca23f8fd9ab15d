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
  #frozen = false;

  code(value: string): number {
    if (this.#frozen) throw new Error("a frozen Interned takes no strings");
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

  /**
   * Keeps the sorted order and drops the lookup from string to code, for a kind whose strings are
   * all in (a fold's pseudonyms once the log is read): `code` of a new string is refused after.
   */
  freeze(): void {
    this.#sort();
    this.#frozen = true;
    this.#codes.clear();
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

  /** Empties the column and keeps its memory, for the next table of the write phase to reuse. */
  clear(): void {
    this.#length = 0;
  }
}

type Narrow = Uint8Array | Uint16Array | Int32Array | Float64Array;

/** Each width and the numbers it holds exactly, narrowest first. */
const WIDTHS: readonly { make: (length: number) => Narrow; holds: (value: number) => boolean }[] = [
  { make: (length) => new Uint8Array(length), holds: (v) => Number.isInteger(v) && v >= 0 && v <= 0xff },
  { make: (length) => new Uint16Array(length), holds: (v) => Number.isInteger(v) && v >= 0 && v <= 0xffff },
  { make: (length) => new Int32Array(length), holds: (v) => Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31 },
  { make: (length) => new Float64Array(length), holds: () => true },
];

/**
 * A column of numbers kept in the narrowest typed array that holds every value so far (bytes,
 * then 16-bit, then 32-bit integers, then doubles), widened, with a copy, when a value does not
 * fit: a fold's codes of services, CBOs and dates, quantities and values mostly take 1–4 bytes a
 * row where an Int32 or Float64 column takes 4 or 8 (decisions/0044).
 */
export class NarrowColumn {
  #width = 0;
  #data: Narrow = WIDTHS[0]!.make(1_024);
  #length = 0;

  get length(): number {
    return this.#length;
  }

  push(value: number): void {
    if (!WIDTHS[this.#width]!.holds(value)) {
      while (!WIDTHS[this.#width]!.holds(value)) this.#width++;
      this.#data = this.#copy(this.#data.length);
    }
    if (this.#length === this.#data.length) this.#data = this.#copy(this.#length * 2);
    this.#data[this.#length++] = value;
    assertHeld(this.#data[this.#length - 1]!, value);
  }

  at(row: number): number {
    return this.#data[row]!;
  }

  /** The rows so far, without a copy. */
  view(): Narrow {
    return this.#data.subarray(0, this.#length);
  }

  #copy(length: number): Narrow {
    const grown = WIDTHS[this.#width]!.make(length);
    for (let row = 0; row < this.#length; row++) grown[row] = this.#data[row]!;
    return grown;
  }
}

function assertHeld(stored: number, value: number): void {
  if (!(stored === value || (Number.isNaN(stored) && Number.isNaN(value))))
    throw new Error(`a narrow column changed ${value} into ${stored}`);
}
