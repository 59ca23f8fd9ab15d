import { refusedError } from "../io.js";

/**
 * The audit package refuses with a plain Error or RangeError whose message names ids and sizes
 * only; those become exit code 1 with the message. Anything else (a driver fault, whose message
 * may quote what it read) stays an unexpected failure.
 */
export const auditRefusal = (error: unknown): unknown =>
  error instanceof Error && (error.constructor === Error || error.constructor === RangeError)
    ? refusedError(error.message)
    : error;
