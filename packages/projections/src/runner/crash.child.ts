// Runs the projector over a store and prints each committed checkpoint, until it is killed or done.
import { openSqliteEventStore } from "@relief-ledger/event-store";
import { openProjector } from "./projector.js";

const [storeFile, modelFile, batchSize] = process.argv.slice(2);
const store = openSqliteEventStore({ file: storeFile! });
const projector = openProjector({
  store,
  file: modelFile!,
  batchSize: Number(batchSize),
  onBatch: (checkpoint) => process.stdout.write(`${checkpoint}\n`),
});
await projector.runOnce();
process.stdout.write("done\n");
await projector.close();
await store.close();
