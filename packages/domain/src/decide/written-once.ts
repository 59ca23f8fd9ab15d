import { isDeepStrictEqual } from "node:util";
import type { LedgerEvent } from "../events/catalogue.js";

/** An event as a stream holds it: its type and its data as stored (JSON). */
export interface StoredEvent {
  type: string;
  data: unknown;
}

/**
 * Whether what a stream written once already holds is this command's events again: then the
 * command is the retry of a write that succeeded (its answer was lost), and answers as that write
 * did. Compared as stored: JSON drops undefined fields, so only what JSON keeps is compared.
 */
export function isSameWrite(stored: readonly StoredEvent[], commanded: readonly LedgerEvent[]): boolean {
  return (
    stored.length === commanded.length &&
    stored.every(
      (event, i) =>
        event.type === commanded[i]!.type &&
        isDeepStrictEqual(event.data, JSON.parse(JSON.stringify(commanded[i]!.data)) as unknown),
    )
  );
}
