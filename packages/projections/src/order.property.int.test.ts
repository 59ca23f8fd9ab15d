import { describe, expect } from "vitest";
import type { LedgerEvent } from "@relief-ledger/domain";
import { reorderedLedgerArb } from "./testing/arbitraries.testkit.js";
import { withLedger } from "./testing/ledger.testkit.js";
import { itHoldsFor } from "./testing/property.testkit.js";

// distributions and runner tables hold log positions, which depend on the order by design.
const ORDER_FREE = ["registry", "persons", "attribution", "totals", "flags"];

async function digestsOf(units: LedgerEvent[][], batchSize: number): Promise<Record<string, string>> {
  return withLedger({ batchSize }, async (ledger) => {
    for (const unit of units) await ledger.append(...unit);
    await ledger.projector.runOnce();
    const digests = ledger.projector.digests();
    return Object.fromEntries(ORDER_FREE.map((name) => [name, digests[name]!]));
  });
}

describe("read models are a function of the events, not of their order or batching", () => {
  itHoldsFor(
    "gives the same totals, persons, attribution and flags for any append order and batch size",
    reorderedLedgerArb,
    async ({ units, shuffled, batchSize }) => {
      const expected = await digestsOf(units, 1_000);
      expect(await digestsOf(shuffled, batchSize)).toEqual(expected);
    },
    { variable: "ORDER_RUNS", fallback: 60 },
  );
});
