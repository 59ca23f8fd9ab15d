import { openAuditLog } from "@relief-ledger/audit";
import { PROJECTIONS, rebuild } from "@relief-ledger/projections";
import type { Command } from "commander";
import { eventsInLog, openStore, storeLocation } from "../audit/locations.js";
import { workProgress } from "../progress/work-progress.js";
import { refusedError, usageError, type Io, type Output } from "../io.js";
import { readModelFile } from "../reconciliation/counterpart.js";

interface RebuildOptions {
  store?: string;
  file?: string;
}

/**
 * `ledger projections rebuild [name]`: every read model from position 0 into a fresh file, swapped
 * in whole. The models share one database and one checkpoint, so naming one rebuilds them all;
 * the name is checked so a typo is not taken for a request to rebuild everything.
 */
export function projectionsCommand(ledger: Command, io: Io): void {
  const projections = ledger
    .command("projections")
    .description("Manage the read models the projector keeps (operators)");
  projections
    .command("rebuild [name]")
    .description("Rebuild the read models from position 0 into a fresh file and swap it in (stop the projector first)")
    .option("--store <location>", "the event store (default $LEDGER_STORE or sqlite:<data dir>/events.db)")
    .option("--file <path>", "the read-model file (default $LEDGER_READ_MODEL_FILE or <data dir>/read-models.db)")
    .action(async (name: string | undefined, options: RebuildOptions) => {
      const names = PROJECTIONS.map((projection) => projection.name);
      if (name !== undefined && !names.includes(name))
        throw usageError(`no projection named ${name}; there are: ${names.join(", ")}`);
      const started = Date.now();
      const result = await rebuildReadModels(
        storeLocation(options.store, io.env),
        readModelFile(options.file, io.env),
        io.stderr,
      );
      io.stdout.write(
        `rebuilt ${name === undefined ? "all read models" : `${name} (with the others: they share one database)`} to position ${result.checkpoint} in ${((Date.now() - started) / 1000).toFixed(1)} s\n` +
          `digest ${result.digest}\n`,
      );
    });
}

/** Every read model, with the Merkle index and signed heads, from position 0 into `file`, swapped in whole. */
export async function rebuildReadModels(
  location: string,
  file: string,
  /** Where to show progress (a bar on a terminal, a line every 10 s otherwise); none without it. */
  progressTo?: Output,
): Promise<{ checkpoint: bigint; digest: string }> {
  // A missing SQLite store is refused, not created: an empty log would rebuild an empty model over the live one.
  const store = openStore(location, true);
  try {
    // The Merkle index and signed heads live in the same file: rebuilt with it, in the same batches.
    const step = (db: Parameters<typeof openAuditLog>[0]) => openAuditLog(db).step;
    const progress =
      progressTo &&
      workProgress(progressTo, {
        label: "rebuilding the read models",
        unit: "events",
        total: await eventsInLog(store, location),
      });
    return await rebuild({ store, file, step, ...(progress && { onProgress: progress.update }) })
      .catch((error: Error) => {
        throw refusedError(error.message);
      })
      .finally(() => progress?.stop());
  } finally {
    await store.close();
  }
}
