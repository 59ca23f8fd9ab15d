import type { LedgerEvent } from "@relief-ledger/domain";
import { afterEach } from "vitest";
import { openLedger, type Ledger } from "./ledger.testkit.js";

/**
 * For a test file whose tests each work on one ledger of their own: `open` opens it, `project`
 * appends to the one this test has (opening it on first use) and returns the caught-up read
 * model; the ledger is closed and removed after its test whatever the test did.
 */
export function ledgerPerTest() {
  let current: Ledger | undefined;
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return {
    open: async (options: { batchSize?: number } = {}): Promise<Ledger> => (current = await openLedger(options)),
    project: async (...events: LedgerEvent[]) => {
      current ??= await openLedger();
      await current.append(...events);
      return current.project();
    },
  };
}
