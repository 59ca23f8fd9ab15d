import { setImmediate as nextTurn } from "node:timers/promises";
import { LEDGER_HEADS_STREAM } from "@relief-ledger/domain";
import type { EventStore } from "@relief-ledger/event-store";
import { catchUpIndex, type CatchUpResult } from "../merkle-index/catch-up.js";
import type { AuditLog } from "./audit-log.js";

// A service answers /health between pages: short pages keep each turn of its event loop short.
const SERVICE_CATCH_UP_PAGE = 1_000;

/**
 * Brings the audit tables of an existing read-model database up to the log: for a database the
 * projector built before it kept the index, or one rebuilt without the audit step. The index is
 * appended page by page, with a turn of the event loop between pages so a service stays responsive;
 * then the heads already in the log are recorded. Aborting `signal` stops between two pages.
 */
export async function catchUpAuditLog(
  store: EventStore,
  log: AuditLog,
  options: { signal?: AbortSignal; pageSize?: number } = {},
): Promise<CatchUpResult> {
  const paced = Object.create(store, {
    readAll: {
      value: async (...args: Parameters<EventStore["readAll"]>) => {
        await nextTurn();
        options.signal?.throwIfAborted();
        return store.readAll(...args);
      },
    },
  }) as EventStore;
  const result = await catchUpIndex(paced, log.index, options.pageSize ?? SERVICE_CATCH_UP_PAGE);
  for (const event of await store.readStream(LEDGER_HEADS_STREAM)) log.recordHead(event);
  return result;
}
