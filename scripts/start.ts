// The ledger's start command, for now: opens the embedded store, seeds a little demo history
// once, and follows the global log live until Ctrl-C. Later issues start the three services here.
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { openSqliteEventStore } from "@relief-ledger/event-store";

const file = resolve(process.env.LEDGER_SQLITE_FILE ?? ".data/events.db");
mkdirSync(resolve(file, ".."), { recursive: true });
const store = openSqliteEventStore({ file });

if ((await store.headPosition()) === 0n) {
  const demo = [
    {
      stream: "cbo-ashodaya-samithi",
      type: "CboRegistered",
      data: { cboId: "ashodaya-samithi", name: "Ashodaya Samithi", state: "IN-KA", district: "Mysuru" },
    },
    {
      stream: "donor-azim-trust",
      type: "DonorRegistered",
      data: { donorId: "azim-trust", name: "A Trust", kind: "trust" },
    },
  ];
  for (const { stream, type, data } of demo) {
    await store.append(stream, [{ id: randomUUID(), type, data, metadata: { schemaVersion: 1, demo: true } }], {
      expectedRevision: "no_stream",
    });
  }
}

console.log(`ledger event store: ${file} (head position ${await store.headPosition()})`);
console.log("following the global log; Ctrl-C stops");
const subscription = store.subscribe({
  after: 0n,
  onEvents: (events) => events.forEach((e) => console.log(`  #${e.position} ${e.stream}@${e.revision} ${e.type}`)),
  onLive: () => console.log("caught up; waiting for new events…"),
});
process.once("SIGINT", async () => {
  await subscription.stop();
  await store.close();
  console.log("stopped cleanly");
});
await subscription.done;
