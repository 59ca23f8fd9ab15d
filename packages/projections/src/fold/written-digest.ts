import { createHash, type Hash } from "node:crypto";
import { DIGEST_CHUNK_CHARS, tableHeader } from "../digest.js";
import type { DigestTable } from "../projection.js";

/** What a writer tells the digest of one table: its rows in the order written, then its end. */
export interface TableRows {
  row(values: readonly unknown[]): void;
  end(): void;
}

/**
 * Text of tables written out of digest order, kept until their turn. Past this the group gives up
 * and is read back from the file instead: memory stays bounded whatever order a writer takes.
 */
const BUFFER_BUDGET_CHARS = 8 * 1024 * 1024;

const IGNORED: TableRows = { row() {}, end() {} };

/** One term of a digest's ORDER BY: a column, compared by its text's length first for `length(c)`. */
interface KeyTerm {
  column: number;
  byLength: boolean;
}

/**
 * A cell as `digestTables` writes it after reading it back from SQLite, or undefined when the text
 * SQLite would give back is not certain (then the table is read back). Integers come back from
 * SQLite as BigInt, and a safe integer prints as its BigInt does; text comes back as written when
 * it is well-formed UTF-16.
 */
function cellText(value: unknown): string | undefined {
  switch (typeof value) {
    case "string":
      return isWellFormed(value) ? JSON.stringify(value) : undefined;
    case "number":
      return Number.isSafeInteger(value) ? String(value) : undefined;
    case "bigint":
      return value.toString();
    case "object":
      return value === null ? "null" : undefined;
    case "boolean":
    case "function":
    case "symbol":
    case "undefined":
      return undefined;
  }
}

/** A lone surrogate is written to SQLite as U+FFFD; String.prototype.isWellFormed (ES2024) is in Node 20, not in our ES2023 lib. */
const isWellFormed = (text: string): boolean => (text as string & { isWellFormed(): boolean }).isWellFormed();

/** SQLite's BINARY order of UTF-8 text is code-point order; JavaScript's `<` is UTF-16 code-unit order. */
function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let k = 0; k < length; k++) {
    const x = a.charCodeAt(k);
    const y = b.charCodeAt(k);
    if (x !== y) return codePointKey(x) - codePointKey(y);
  }
  return a.length - b.length;
}

/** Surrogates (above every BMP code point once paired) moved past U+E000–U+FFFF. */
const codePointKey = (unit: number) =>
  unit >= 0xd800 && unit < 0xe000 ? unit + 0x2000 : unit >= 0xe000 ? unit - 0x800 : unit;

/** Negative, 0 or positive as SQLite would order the two cells; NaN when it cannot be told here. */
function compareCells(a: unknown, b: unknown, byLength: boolean): number {
  if (typeof a === "string" && typeof b === "string") return byLength ? a.length - b.length : compareText(a, b);
  if (byLength) return Number.NaN;
  if ((typeof a === "number" || typeof a === "bigint") && (typeof b === "number" || typeof b === "bigint"))
    return a < b ? -1 : a > b ? 1 : 0;
  return Number.NaN;
}

function keyTerms({ columns, orderBy }: DigestTable): KeyTerm[] {
  const names = columns.split(",").map((name) => name.trim());
  return orderBy.split(",").map((term) => {
    const text = term.trim();
    const length = /^length\((\w+)\)$/.exec(text);
    const name = length ? length[1]! : text;
    const column = /^\d+$/.test(name) ? Number(name) - 1 : names.indexOf(name);
    if (column < 0 || column >= names.length) throw new Error(`cannot follow ORDER BY ${orderBy} of ${columns}`);
    return { column, byLength: length !== null };
  });
}

interface TableState {
  spec: DigestTable;
  keys: KeyTerm[];
  opened: boolean;
  done: boolean;
  /** Text of a table written before its turn; null while it is streamed straight into the hash. */
  buffered: string[] | null;
}

class GroupDigest {
  readonly #hash: Hash = createHash("sha256");
  readonly #tables: TableState[];
  #next = 0;
  #chunk = "";
  #bufferedChars = 0;
  failed = false;

  constructor(tables: readonly DigestTable[]) {
    this.#tables = tables.map((spec) => ({ spec, keys: keyTerms(spec), opened: false, done: false, buffered: null }));
  }

  open(name: string): TableRows {
    const state = this.#tables.find((t) => t.spec.table === name)!;
    if (state.opened) this.failed = true;
    if (this.failed) return IGNORED;
    state.opened = true;
    const streamed = this.#tables[this.#next] === state;
    if (streamed) this.#hash.update(tableHeader(name));
    else state.buffered = [];
    const width = state.spec.columns.split(",").length;
    let previous: readonly unknown[] | undefined;
    return {
      row: (values) => {
        if (this.failed) return;
        if (values.length !== width || (previous !== undefined && !this.#inOrder(state.keys, previous, values))) {
          this.failed = true;
          return;
        }
        previous = values;
        let line = "[";
        for (let k = 0; k < values.length; k++) {
          const text = cellText(values[k]);
          if (text === undefined) {
            this.failed = true;
            return;
          }
          line += k === 0 ? text : `,${text}`;
        }
        line += "]\n";
        if (streamed) {
          this.#chunk += line;
          if (this.#chunk.length >= DIGEST_CHUNK_CHARS) this.#flushChunk();
        } else {
          state.buffered!.push(line);
          this.#bufferedChars += line.length;
          if (this.#bufferedChars > BUFFER_BUDGET_CHARS) this.#giveUp();
        }
      },
      end: () => {
        if (this.failed) return;
        state.done = true;
        if (streamed) this.#flushChunk();
        this.#advance();
      },
    };
  }

  #inOrder(keys: KeyTerm[], before: readonly unknown[], after: readonly unknown[]): boolean {
    for (const { column, byLength } of keys) {
      const order = compareCells(before[column], after[column], byLength);
      if (order < 0) return true;
      if (!(order === 0)) return false; // out of order, or not comparable here (NaN)
    }
    return false; // equal keys: not a primary key's order
  }

  #flushChunk(): void {
    this.#hash.update(this.#chunk);
    this.#chunk = "";
  }

  /** Hashes, in digest order, every finished table whose turn has come. */
  #advance(): void {
    while (this.#next < this.#tables.length && this.#tables[this.#next]!.done) {
      const state = this.#tables[this.#next]!;
      if (state.buffered !== null) {
        this.#hash.update(tableHeader(state.spec.table));
        for (const line of state.buffered) this.#hash.update(line);
        this.#bufferedChars -= state.buffered.reduce((sum, line) => sum + line.length, 0);
        state.buffered = null;
      }
      this.#next += 1;
    }
    // The next table may have been opened (buffered) while an earlier one was still being written.
  }

  #giveUp(): void {
    this.failed = true;
    for (const state of this.#tables) state.buffered = null;
    this.#bufferedChars = 0;
  }

  /** The digest, or undefined if it must be read back (a table missing, out of order or uncertain). */
  result(): string | undefined {
    if (this.failed || this.#next < this.#tables.length) return undefined;
    return this.#hash.digest("hex");
  }
}

/**
 * The digests of named groups of tables (the runner's, then each projection's), computed from the
 * rows as a writer writes them, so a rebuild need not read every table back: the same bytes as
 * `digestTables` reads, when each table is written once, in its digest's order. Tables of a group
 * written before their turn are kept (up to a budget) until it comes. A group whose rows cannot be
 * vouched for — a table missing or written twice, rows out of order, a value whose stored text is
 * not certain, or too much kept — has no digest here and is read back from the file instead.
 */
export class WrittenDigest {
  readonly #groups = new Map<string, GroupDigest>();
  readonly #groupOf = new Map<string, GroupDigest>();

  constructor(groups: Record<string, readonly DigestTable[]>) {
    for (const [name, tables] of Object.entries(groups)) {
      const group = new GroupDigest(tables);
      this.#groups.set(name, group);
      for (const { table } of tables) this.#groupOf.set(table, group);
    }
  }

  /** The rows of `table` as written; a table no group digests is ignored. */
  table(table: string): TableRows {
    return this.#groupOf.get(table)?.open(table) ?? IGNORED;
  }

  /** Each group's digest, or undefined where it must be read back. */
  results(): Record<string, string | undefined> {
    return Object.fromEntries([...this.#groups].map(([name, group]) => [name, group.result()]));
  }
}
