import type { Database, Statement } from "better-sqlite3";
import type { TableRows, WrittenDigest } from "./written-digest.js";

/** Bound parameters per statement: far below SQLite's limit (32,766), and enough to amortise a call. */
const PARAMETERS_PER_STATEMENT = 4_000;
const MAX_ROWS_PER_STATEMENT = 500;

/**
 * Rows for one table, written many to a statement (`INSERT … VALUES (…), (…), …`): one call into
 * SQLite per few hundred rows instead of one per row, which is most of a rebuild's write cost.
 * Rows are written in the order given; call `flush()` after the last. With a `digest`, each row is
 * also given to it as written, and `flush()` ends the table there.
 */
export class BulkInsert {
  readonly #width: number;
  readonly #rowsPerStatement: number;
  readonly #many: Statement;
  readonly #one: Statement;
  readonly #buffer: unknown[] = [];
  readonly #digest: TableRows | undefined;

  constructor(db: Database, table: string, width: number, verb = "INSERT", digest?: WrittenDigest) {
    this.#width = width;
    this.#digest = digest?.table(table);
    this.#rowsPerStatement = Math.max(
      1,
      Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(PARAMETERS_PER_STATEMENT / width)),
    );
    const tuple = `(${Array.from({ length: width }, () => "?").join(", ")})`;
    const tuples = (rows: number) => Array.from({ length: rows }, () => tuple).join(", ");
    this.#many = db.prepare(`${verb} INTO ${table} VALUES ${tuples(this.#rowsPerStatement)}`);
    this.#one = db.prepare(`${verb} INTO ${table} VALUES ${tuple}`);
  }

  row(...values: unknown[]): void {
    if (values.length !== this.#width)
      throw new RangeError(`a row of ${values.length} values for ${this.#width} columns`);
    this.#digest?.row(values);
    for (const value of values) this.#buffer.push(value);
    if (this.#buffer.length === this.#width * this.#rowsPerStatement) {
      this.#many.run(this.#buffer);
      this.#buffer.length = 0;
    }
  }

  flush(): void {
    for (let at = 0; at < this.#buffer.length; at += this.#width) {
      this.#one.run(this.#buffer.slice(at, at + this.#width));
    }
    this.#buffer.length = 0;
    this.#digest?.end();
  }
}

/** Opens a table's bulk insert in the database (and digest) being written. */
export type Insert = (table: string, width: number, verb?: string) => BulkInsert;
