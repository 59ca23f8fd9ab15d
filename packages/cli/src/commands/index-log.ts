import { catchUpIndex } from "@relief-ledger/audit";
import type { Command } from "commander";
import { count, type Io } from "../io.js";
import { eventsInLog, openIndex, storeLocation, withStore } from "../audit/locations.js";
import { workProgress } from "../progress/work-progress.js";

async function index(flags: { store?: string; index: string }, io: Io): Promise<void> {
  // The store first: a mistyped --store must not leave an empty index file behind.
  const location = storeLocation(flags.store, io.env);
  await withStore(location, true, async (store) => {
    const merkle = openIndex(flags.index, { readonly: false, create: true });
    try {
      const inLog = await eventsInLog(store, location);
      const total = inLog === undefined ? undefined : Math.max(0, inLog - merkle.size());
      const progress = workProgress(io.stderr, { label: "indexing", unit: "events", total });
      const { appended, size } = await catchUpIndex(store, merkle, undefined, progress.update).finally(() =>
        progress.stop(),
      );
      const root = merkle.root().toString("hex");
      io.stdout.write(`Indexed ${count(appended)} new events; the index has ${count(size)} (root ${root}).\n`);
    } finally {
      merkle.close();
    }
  });
}

export function indexCommand(program: Command, io: Io): void {
  program
    .command("index")
    .description("Bring the Merkle index up to date with the store's global log (operators, auditors)")
    .option("--store <location>", "the event store (default: $LEDGER_STORE)")
    .requiredOption("--index <file>", "the Merkle index file; created if absent")
    .action((flags: { store?: string; index: string }) => index(flags, io));
}
