/**
 * Keyset paging for list queries: a page holds at most `limit` rows after the cursor, and the
 * cursor names the last row given, so a page costs the same wherever it is in the list and rows
 * added meanwhile are neither skipped nor repeated before the cursor. The cursor is opaque to
 * clients (base64url of the sort key as JSON); one that does not decode is refused, never guessed.
 */
export interface PageRequest {
  cursor?: string;
  limit?: number;
}

export interface Page<T> {
  items: T[];
  /** The cursor of the next page; null on the last page. */
  nextCursor: string | null;
}

export const DEFAULT_PAGE_LIMIT = 100;
export const MAX_PAGE_LIMIT = 1000;

export class InvalidCursorError extends Error {
  constructor() {
    super("cursor is not one this list gave");
    this.name = "InvalidCursorError";
  }
}

export const encodeCursor = (key: readonly string[]): string => Buffer.from(JSON.stringify(key)).toString("base64url");

/** The sort key a cursor holds: `width` strings, or InvalidCursorError. */
export function decodeCursor(cursor: string, width: number): string[] {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new InvalidCursorError();
  }
  if (!Array.isArray(key) || key.length !== width || !key.every((part) => typeof part === "string"))
    throw new InvalidCursorError();
  return key;
}

/** The page size asked for, within 1…MAX_PAGE_LIMIT. */
export function pageLimit(limit: number | undefined): number {
  const asked = limit ?? DEFAULT_PAGE_LIMIT;
  if (!Number.isInteger(asked) || asked < 1 || asked > MAX_PAGE_LIMIT)
    throw new RangeError(`limit must be a whole number from 1 to ${MAX_PAGE_LIMIT}`);
  return asked;
}

/** A page from `limit + 1` rows read after the cursor: the extra row only says another page exists. */
export function toPage<Row, T>(
  rows: Row[],
  limit: number,
  item: (row: Row) => T,
  key: (row: Row) => string[],
): Page<T> {
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  return { items: shown.map(item), nextCursor: more ? encodeCursor(key(shown.at(-1)!)) : null };
}
