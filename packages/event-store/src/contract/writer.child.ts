// A second process for the contract suite: appends to its own stream and, under optimistic
// concurrency with retries, to a stream it shares with another writer.
import { isEventStoreError } from "../errors.js";
import { openEventStore } from "../open.js";
import { makeEvents } from "../testing/events.testkit.js";

const [location, ownStream, sharedStream, countArg] = process.argv.slice(2);
const count = Number(countArg);
const store = openEventStore(location!);
let conflicts = 0;

for (let i = 0; i < count; i++) {
  await store.append(ownStream!, makeEvents(1, { from: i }), { expectedRevision: i === 0 ? "no_stream" : i - 1 });
  for (;;) {
    const last = (await store.readStream(sharedStream!)).at(-1);
    try {
      await store.append(sharedStream!, makeEvents(2, { from: i }), {
        expectedRevision: last ? last.revision : "no_stream",
      });
      break;
    } catch (error) {
      if (!isEventStoreError(error, "WRONG_EXPECTED_REVISION")) throw error;
      conflicts++;
    }
  }
}
await store.close();
process.stdout.write(JSON.stringify({ appended: count, conflicts }) + "\n");
