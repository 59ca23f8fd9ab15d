import { ReplayPointError, replayPoint as pointOf, type ReplayPoint } from "@relief-ledger/replay";
import { usageError } from "../io.js";

export { includes } from "@relief-ledger/replay";

/** --as-of or --position as the auditor typed them, checked; a mistake is a usage error (exit 2) naming the flag. */
export function replayPoint(flags: { asOf?: string; position?: string }): ReplayPoint {
  try {
    return pointOf(flags);
  } catch (error) {
    throw error instanceof ReplayPointError ? usageError(error.message) : error;
  }
}
