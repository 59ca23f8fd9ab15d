// Runs the projector over a store and prints each committed checkpoint, until it is killed or done.
// Its batch step logs every position it sees, so the test can tell whether the step's writes and
// the checkpoint ever come apart.
import { openSqliteEventStore } from "@relief-ledger/event-store";
import type { Database } from "better-sqlite3";
import { openProjector } from "./projector.js";

const logPositions = (db: Database) => {
  // Positions as text: opaque bigints, wider than SQLite's INTEGER on EventStoreDB.
  db.exec("CREATE TABLE IF NOT EXISTS step_log (seq INTEGER PRIMARY KEY, position TEXT NOT NULL UNIQUE)");
  const insert = db.prepare<[string]>("INSERT INTO step_log (position) VALUES (?)");
  return ({ events }: { events: readonly { position: bigint }[] }) =>
    events.forEach((e) => insert.run(String(e.position)));
};

const [storeFile, modelFile, batchSize] = process.argv.slice(2);
const store = openSqliteEventStore({ file: storeFile! });
const projector = openProjector({
  store,
  file: modelFile!,
  batchSize: Number(batchSize),
  step: logPositions,
  onBatch: (checkpoint) => process.stdout.write(`${checkpoint}\n`),
});
await projector.runOnce();
process.stdout.write("done\n");
await projector.close();
await store.close();
