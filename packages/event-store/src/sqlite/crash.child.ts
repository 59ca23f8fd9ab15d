// Appends batches in a loop and prints each acknowledged one, until it is killed.
import { openSqliteEventStore } from "./sqlite-event-store.js";
import { makeEvents } from "../testing/events.testkit.js";

const [file, runId, batchSizeArg] = process.argv.slice(2);
const batchSize = Number(batchSizeArg);
// The test checks the file's own rows against what was acknowledged: SQLite's dense positions.
const store = openSqliteEventStore({ file: file!, positions: "dense" });

for (let n = 0; ; n++) {
  const events = makeEvents(batchSize, { bytes: 400 });
  const stream = `crash-${runId}-${n}`;
  const result = await store.append(stream, events, { expectedRevision: "no_stream" });
  process.stdout.write(`${result.firstPosition} ${stream} ${events.map((e) => e.id).join(",")}\n`);
}
