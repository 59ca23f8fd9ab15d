import { createHash } from "node:crypto";
import type { Database } from "better-sqlite3";
import type { DigestTable, DigestedTable } from "./projection.js";

/** Rows are hashed in chunks of about this many characters: the same bytes as one update per row, far fewer calls. */
export const DIGEST_CHUNK_CHARS = 64 * 1024;

/** The line that opens a table in the digest. */
export const tableHeader = (table: string): string => `table ${table}\n`;

/**
 * What the digest reads of a table the schema created: its columns in declared order, and rows in
 * primary-key order unless the projection names another. A table with no primary key must name
 * its order, so that no digest depends on the order SQLite happens to return rows in.
 */
export function digestTableOf(db: Database, declared: DigestedTable): DigestTable {
  const { table, orderBy } = typeof declared === "string" ? { table: declared, orderBy: undefined } : declared;
  const columns = db
    .prepare<[string], { name: string; pk: number }>("SELECT name, pk FROM pragma_table_info(?) ORDER BY cid")
    .all(table);
  if (columns.length === 0) throw new Error(`the digest reads table ${table}, which no schema created`);
  const key = columns
    .filter((column) => column.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((column) => column.name);
  if (orderBy === undefined && key.length === 0) throw new Error(`table ${table} has no primary key: name its order`);
  return { table, columns: columns.map((column) => column.name).join(", "), orderBy: orderBy ?? key.join(", ") };
}

/**
 * SHA-256 over a canonical dump: each table's name, then each row as a JSON array of its
 * columns, in primary-key order. Streamed, so a large read model is never held in memory.
 */
export function digestTables(db: Database, tables: readonly DigestTable[]): string {
  const hash = createHash("sha256");
  for (const { table, columns, orderBy } of tables) {
    hash.update(tableHeader(table));
    const rows = db
      .prepare<[], unknown[]>(`SELECT ${columns} FROM ${table} ORDER BY ${orderBy}`)
      .raw()
      .safeIntegers()
      .iterate();
    let chunk = "";
    for (const row of rows) {
      chunk += `${rowText(row)}\n`;
      if (chunk.length >= DIGEST_CHUNK_CHARS) {
        hash.update(chunk);
        chunk = "";
      }
    }
    hash.update(chunk);
  }
  return hash.digest("hex");
}

/**
 * A row as a JSON array. Integers are read as BigInt and written in full, so two models that
 * differ beyond 2^53 differ here too; below it the text is what JSON.stringify gives a number.
 */
function rowText(row: unknown[]): string {
  let text = "[";
  for (let k = 0; k < row.length; k++) {
    const cell = row[k];
    if (k > 0) text += ",";
    text += typeof cell === "bigint" ? cell.toString() : JSON.stringify(cell);
  }
  return `${text}]`;
}

/** One digest over several named ones, in the order given. */
export function combineDigests(digests: Record<string, string>): string {
  const hash = createHash("sha256");
  for (const [name, digest] of Object.entries(digests)) hash.update(`${name} ${digest}\n`);
  return hash.digest("hex");
}
