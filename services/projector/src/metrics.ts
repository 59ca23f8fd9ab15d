import { Counter, Gauge, type Registry } from "prom-client";

export interface LogProgress {
  head(): Promise<bigint>;
  checkpoint(): bigint;
  /** Events the latest signed head does not cover yet; undefined when nothing signs. */
  unsignedEvents(): number | undefined;
}

/** What an operator watches: how far behind the log the read models are, and how fast they move. */
export function projectorMetrics(registry: Registry, progress: LogProgress) {
  new Gauge({
    name: "ledger_projector_checkpoint",
    help: "Global-log position of the last projected event",
    registers: [registry],
    collect() {
      this.set(Number(progress.checkpoint()));
    },
  });
  new Gauge({
    name: "ledger_projector_lag_events",
    help: "Events not yet projected (exact on SQLite, whose positions are dense)",
    registers: [registry],
    async collect() {
      this.set(Number(lagOf(await progress.head(), progress.checkpoint())));
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

export const lagOf = (head: bigint, checkpoint: bigint): bigint => (head > checkpoint ? head - checkpoint : 0n);
