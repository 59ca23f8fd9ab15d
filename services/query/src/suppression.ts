/** Counts of 1 to 4 people could single someone out; docs/rules.md suppresses them for donors. */
export const SMALL_CELL_MAX = 4;

type Suppressed<T> = T extends (infer U)[]
  ? Suppressed<U>[]
  : T extends object
    ? { [K in keyof T]: K extends "persons" ? number | null : Suppressed<T[K]> } & { personsSuppressed?: true }
    : T;

/**
 * Returns a copy in which every `persons` count from 1 to 4, at any depth, is null and marked
 * `personsSuppressed: true`. Zero and five or more are shown: zero singles nobody out.
 */
export function suppressSmallCells<T>(value: T): Suppressed<T> {
  if (Array.isArray(value)) return value.map(suppressSmallCells) as Suppressed<T>;
  if (value === null || typeof value !== "object") return value as Suppressed<T>;
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) copy[key] = suppressSmallCells(field);
  const persons = (value as { persons?: unknown }).persons;
  if (typeof persons === "number" && persons >= 1 && persons <= SMALL_CELL_MAX) {
    copy.persons = null;
    copy.personsSuppressed = true;
  }
  return copy as Suppressed<T>;
}
