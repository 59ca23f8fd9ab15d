import { signNextHead, type AuditLog, type SigningKey } from "@relief-ledger/audit";
import type { EventStore } from "@relief-ledger/event-store";

export interface HeadSignerOptions {
  store: EventStore;
  audit: Pick<AuditLog, "index" | "heads">;
  key: SigningKey;
  /** Sign once this many events are unsigned… */
  everyEvents: number;
  /** The checkpoint origin (LEDGER_LOG_ORIGIN); by default the ledger's last checkpoint's. */
  origin?: string | undefined;
  onSigned?: (treeSize: number) => void;
  onError?: (error: unknown) => void;
}

export interface HeadSigner {
  /** After each committed batch: signs when `everyEvents` unsigned events have gathered. */
  afterBatch(): void;
  /** …and on each tick of the T-second timer: signs whatever is unsigned. */
  onTick(): void;
  /** Resolves once no signing is under way (for shutdown and tests). */
  idle(): Promise<void>;
  unsignedEvents(): number;
  lastError(): string | undefined;
}

type Reason = "batch" | "tick";

/**
 * Decides when the projector signs the next tree head. One head at a time: a trigger that arrives
 * while one is being signed is checked again afterwards, and none is acted on until the projector
 * has recorded the new head (until then the count of unsigned events is stale). Failures (another
 * signer won the race, an index that does not extend the last head) are reported, not thrown:
 * the read models must keep flowing, and the next trigger tries again.
 */
export function createHeadSigner(options: HeadSignerOptions): HeadSigner {
  const { store, audit, key, everyEvents, origin, onSigned, onError } = options;
  const principal = { role: "system", keyId: key.keyId } as const;
  const unsignedEvents = () => audit.heads.unsignedLeaves(audit.index.size());
  let inFlight: Promise<void> | undefined;
  let recheck: Reason | undefined;
  let failure: string | undefined;
  let awaitedSize = 0;

  const sign = async () => {
    try {
      const result = await signNextHead({ store, index: audit.index, key, principal, ...(origin && { origin }) });
      failure = undefined;
      if (!result.signed) return;
      awaitedSize = result.head.treeSize;
      onSigned?.(result.head.treeSize);
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
      onError?.(error);
    }
  };

  const trigger = (reason: Reason): void => {
    if (inFlight !== undefined) {
      if (recheck !== "tick") recheck = reason;
      return;
    }
    if ((audit.heads.latest()?.treeSize ?? 0) < awaitedSize) return;
    const unsigned = unsignedEvents();
    if (reason === "batch" ? unsigned < everyEvents : unsigned === 0) return;
    inFlight = sign().finally(() => {
      inFlight = undefined;
      const next = recheck;
      recheck = undefined;
      if (next !== undefined) trigger(next);
    });
  };

  return {
    afterBatch: () => trigger("batch"),
    onTick: () => trigger("tick"),
    async idle() {
      while (inFlight !== undefined) await inFlight;
    },
    unsignedEvents,
    lastError: () => failure,
  };
}
