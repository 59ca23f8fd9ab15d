import type { Problem, VerifyLedgerResult } from "@relief-ledger/audit";
import { count, events } from "../io.js";

export function describeProblem(problem: Problem): string {
  const where = [
    problem.position !== undefined && `position ${problem.position}`,
    problem.eventId !== undefined && `event ${problem.eventId}`,
    problem.leafIndex !== undefined && `leaf ${problem.leafIndex}`,
  ].filter(Boolean);
  return `${problem.kind}${where.length ? ` (${where.join(", ")})` : ""}: ${problem.message}`;
}

const SHOWN = 10;

/** A few lines for the person at the keyboard: ids and positions only, never event data. */
export function summarize(result: VerifyLedgerResult): string {
  const lines = [
    `Checked ${count(result.eventsChecked)} events and ${count(result.headsChecked)} signed heads ` +
      `(${count(result.headsVerified)} verified, covering the first ${count(result.signedSize)} events).`,
    result.indexSize === undefined
      ? "No index given: an alteration is located to a signed range, not to one event."
      : `Index: ${count(result.indexSize)} leaves, compared event by event` +
        (result.unindexedEvents ? `; ${events(result.unindexedEvents)} newer than it not compared.` : "."),
  ];
  const { count: unsigned, firstPosition, lastPosition } = result.unprotected;
  if (unsigned > 0) {
    const where =
      firstPosition === lastPosition ? `position ${firstPosition}` : `positions ${firstPosition} to ${lastPosition}`;
    lines.push(
      `Unprotected: ${events(unsigned)} after the last signed head (${where}): no signature covers them yet, ` +
        "so a change to them cannot be detected.",
    );
  }
  if (result.ok) return [...lines, "OK: the ledger matches every signed head.", ""].join("\n");
  const shown = result.problems.slice(0, SHOWN);
  const more = result.problemCount > shown.length ? `, the first ${shown.length}` : "";
  lines.push(`FAILED: ${count(result.problemCount)} ${result.problemCount === 1 ? "problem" : "problems"}${more}:`);
  shown.forEach((problem, i) => lines.push(`  ${i + 1}. ${describeProblem(problem)}`));
  return [...lines, ""].join("\n");
}

export const jsonOf = (value: unknown): string =>
  JSON.stringify(value, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2) + "\n";
