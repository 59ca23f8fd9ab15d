import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LedgerEvent } from "@relief-ledger/domain";
import { openSqliteEventStore } from "@relief-ledger/event-store";
import { openProjector } from "./runner/projector.js";
import { ledgerUnitsArb } from "./testing/arbitraries.testkit.js";
import { appendEvents } from "./testing/ledger.testkit.js";
import { tempDir } from "@relief-ledger/event-store/testing";

// distributions and runner tables hold log positions, which depend on the order by design.
const ORDER_FREE = ["registry", "persons", "attribution", "totals", "flags"];

async function digestsOf(units: LedgerEvent[][], batchSize: number): Promise<Record<string, string>> {
  const dir = tempDir("ledger-order");
  const store = openSqliteEventStore({ file: dir.file("events.db") });
  try {
    for (const unit of units) await appendEvents(store, unit);
    const projector = openProjector({ store, file: dir.file("model.db"), batchSize });
    await projector.runOnce();
    const digests = projector.digests();
    await projector.close();
    return Object.fromEntries(ORDER_FREE.map((name) => [name, digests[name]!]));
  } finally {
    await store.close();
    dir.remove();
  }
}

describe("read models are a function of the events, not of their order or batching", () => {
  it(
    "gives the same totals, persons, attribution and flags for any append order and batch size",
    { timeout: 120_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(
          ledgerUnitsArb.chain((units) =>
            fc.tuple(
              fc.constant(units),
              fc.shuffledSubarray(units, { minLength: units.length }),
              fc.integer({ min: 1, max: 6 }),
            ),
          ),
          async ([units, shuffled, batchSize]) => {
            const expected = await digestsOf(units, 1_000);
            expect(await digestsOf(shuffled, batchSize)).toEqual(expected);
          },
        ),
        { numRuns: Number(process.env.ORDER_RUNS ?? 60) },
      );
    },
  );
});
