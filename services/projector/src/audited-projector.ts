import { catchUpAuditLog, openAuditLog, type AuditLog } from "@relief-ledger/audit";
import type { EventStore } from "@relief-ledger/event-store";
import { openProjector, type LiveProjector, type Projector, type ProjectorOptions } from "@relief-ledger/projections";

/**
 * The projector with the audit's Merkle index and signed heads kept in its read-model database,
 * appended by the batch step inside each batch's transaction: a crash never leaves the index and
 * the checkpoint apart (decisions/0006).
 */
export function openAuditedProjector(options: ProjectorOptions): { projector: Projector; audit: AuditLog } {
  let audit: AuditLog | undefined;
  const projector = openProjector({ ...options, step: (db) => (audit = openAuditLog(db)).step });
  return { projector, audit: audit! };
}

export interface Following {
  /** Resolves once the read models have caught up with the log (undefined if stopped first). */
  live: Promise<void>;
  /** Settles when following ends: resolves after stop(), rejects if projecting failed. */
  done: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Follows the log live. A read-model database the projector built before it kept the index has
 * its index caught up first, pausing between pages so /health keeps answering.
 */
export function follow(
  store: EventStore,
  { projector, audit }: { projector: Projector; audit: AuditLog },
  onLive: () => void,
): Following {
  const stopping = new AbortController();
  const started = (async (): Promise<LiveProjector | undefined> => {
    try {
      if (audit.index.lastPosition() < projector.checkpoint()) {
        await catchUpAuditLog(store, audit, { signal: stopping.signal });
      }
    } catch (error) {
      if (stopping.signal.aborted) return undefined;
      throw error;
    }
    return stopping.signal.aborted ? undefined : projector.start({ onLive });
  })();
  const live = started.then((running) => running?.live);
  live.catch(() => undefined);
  return {
    live,
    done: started.then((running) => running?.done),
    async stop() {
      stopping.abort();
      await (await started.catch(() => undefined))?.stop();
    },
  };
}
