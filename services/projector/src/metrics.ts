import { Counter, Gauge, type Registry } from "prom-client";

export interface LogProgress {
  head(): Promise<bigint>;
  checkpoint(): bigint;
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
  return {
    batches: new Counter({
      name: "ledger_projector_batches_total",
      help: "Batches committed to the read models",
      registers: [registry],
    }),
  };
}

export const lagOf = (head: bigint, checkpoint: bigint): bigint => (head > checkpoint ? head - checkpoint : 0n);
