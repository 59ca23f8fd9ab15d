import { Counter, Gauge, type Registry } from "prom-client";
import { LAG_COUNT_LIMIT } from "./projection-protocol.js";

export interface LogProgress {
  /** Events in the log after the checkpoint, counted up to LAG_COUNT_LIMIT. */
  lagEvents(): Promise<number>;
  /** Events projected so far: the Merkle index's size. */
  projectedEvents(): number;
  /** Events the latest signed head does not cover yet; undefined when nothing signs. */
  unsignedEvents(): number | undefined;
}

/** What an operator watches: how far behind the log the read models are, and how fast they move. */
export function projectorMetrics(registry: Registry, progress: LogProgress) {
  // No gauge of the checkpoint itself: a position is an opaque bigint (on EventStoreDB beyond what
  // a float holds exactly), so what an operator can plot are counts of events.
  new Gauge({
    name: "ledger_projector_projected_events",
    help: "Events projected into the read models and the Merkle index",
    registers: [registry],
    collect() {
      this.set(progress.projectedEvents());
    },
  });
  new Gauge({
    name: "ledger_projector_lag_events",
    help: `Events in the log not yet projected, counted up to ${LAG_COUNT_LIMIT}`,
    registers: [registry],
    async collect() {
      this.set(await progress.lagEvents());
    },
  });
  new Gauge({
    name: "ledger_projector_unsigned_events",
    help: "Indexed events that no signed tree head covers yet (not counting heads themselves)",
    registers: [registry],
    collect() {
      this.set(progress.unsignedEvents() ?? 0);
    },
  });
  return {
    batches: new Counter({
      name: "ledger_projector_batches_total",
      help: "Batches committed to the read models",
      registers: [registry],
    }),
    headsSigned: new Counter({
      name: "ledger_projector_heads_signed_total",
      help: "Tree heads signed and appended to ledger-heads",
      registers: [registry],
    }),
    signingFailures: new Counter({
      name: "ledger_projector_head_signing_failures_total",
      help: "Attempts to sign a tree head that failed (see the log)",
      registers: [registry],
    }),
  };
}

export { LAG_COUNT_LIMIT } from "./projection-protocol.js";
