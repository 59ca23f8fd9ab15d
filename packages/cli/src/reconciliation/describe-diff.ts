import type { Cell, Difference } from "@relief-ledger/replay";
import type { Counterpart } from "./counterpart.js";

/** Where the two sides stand in the log: a live model ahead of the report is expected to differ. */
export function positions(reportPosition: string, other: Counterpart): string {
  const [mine, theirs] = [BigInt(reportPosition), BigInt(other.position)];
  if (mine === theirs) return `The report and ${other.description} are both at position ${mine}.`;
  const at = `The report is at position ${mine}; ${other.description} is at position ${theirs}`;
  return theirs > mine
    ? `${at}, ahead of it: what the events after position ${mine} changed shows as differences.`
    : `${at}, behind it: it has not applied the events up to position ${mine} yet.`;
}

// Plain ids and numbers as they are; text that is empty or holds a space or comma quoted, so a
// value cannot run into the next one on the line.
const shown = (value: Cell | undefined): string =>
  typeof value === "string" && /^[^\s,"]+$/.test(value) ? value : JSON.stringify(value ?? null);

/** One line per difference: table, key, field, then the report's value and the other side's. */
export function describeDifference(difference: Difference, label: string): string {
  const key = Object.entries(difference.key).map(([column, value]) => ` ${column}=${shown(value)}`);
  return `  ${difference.table}${key.join("")} ${difference.field}: report ${shown(difference.left)}, ${label} ${shown(difference.right)}`;
}
