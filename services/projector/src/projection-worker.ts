// The projection thread: catches the read models and the Merkle index up with the log and follows
// it, in a worker of its own, so that the service's event loop (/health, /metrics, signing) never
// waits on a batch. It owns the only writable connection to the read-model file; the main thread
// reads the same file through a read-only one (WAL lets it read while a batch is being written).
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import { openEventStore } from "@relief-ledger/event-store";
import { follow, openAuditedProjector } from "./audited-projector.js";
import { signingKeyOf } from "./signing.js";
import { lagCounter } from "./lag-counter.js";
import {
  BATCH_IN_PROGRESS,
  BATCHES_STARTED,
  LAG_COUNT_INTERVAL_MS,
  LAG_COUNT_LIMIT,
  LAG_COUNTED,
  LAG_EVENTS,
  type FromProjection,
  type ProjectionThreadData,
  type ToProjection,
} from "./projection-protocol.js";

if (isMainThread || parentPort === null) throw new Error("projection-worker runs as a worker thread only");
const port = parentPort;
const { config, shared } = workerData as ProjectionThreadData;
const state = new Int32Array(shared.state);
const post = (message: FromProjection) => port.postMessage(message);

try {
  const store = openEventStore(config.store);
  // The lag, counted here after batches and shared, so that a /health probe only reads a number.
  const lag = lagCounter({
    count: (after) => store.countEventsAfter(after, LAG_COUNT_LIMIT),
    publish: (events) => {
      Atomics.store(state, LAG_EVENTS, events);
      Atomics.store(state, LAG_COUNTED, 1);
    },
    intervalMs: LAG_COUNT_INTERVAL_MS,
  });
  const audited = openAuditedProjector({
    store,
    file: config.readModelFile,
    batchSize: config.batchSize,
    beforeBatch: () => {
      Atomics.add(state, BATCHES_STARTED, 1);
      Atomics.store(state, BATCH_IN_PROGRESS, 1);
    },
    onBatch: (checkpoint, events) => {
      Atomics.store(state, BATCH_IN_PROGRESS, 0);
      post({ type: "batch", events });
      lag.after(checkpoint);
    },
  });
  const { projector, audit } = audited;
  // The main thread loaded (and for a demo, created) the key before starting this thread.
  const key = signingKeyOf(config.signing);
  if (key) audit.keys.recordInUse(key);
  post({ type: "opened" });
  lag.after(projector.checkpoint());

  const following = follow(store, audited, () => post({ type: "live" }));
  following.done.catch((error: unknown) => {
    Atomics.store(state, BATCH_IN_PROGRESS, 0);
    post({ type: "failed", error });
  });
  port.on("message", (message: ToProjection) => {
    if (message.type !== "stop") return;
    void (async () => {
      await following.stop();
      await lag.stop();
      await projector.close();
      await store.close();
      post({ type: "stopped" });
      port.close();
    })();
  });
} catch (error) {
  post({ type: "failed", error });
  port.close();
}
