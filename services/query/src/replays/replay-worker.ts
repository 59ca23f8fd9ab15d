import { rmSync } from "node:fs";
import { join } from "node:path";
import { REPLAY_READ_MODEL_FILE, replayInto } from "@relief-ledger/replay";
import { openForReading } from "../audit/log-store.js";
import type { FromReplay, ReplayJob } from "./protocol.js";

// The replay process: `ledger replay`'s own steps (replayInto) over the service's store, in a
// process of its own with a capped heap, reporting its progress to the service over IPC. It is sent
// its job once, and ends when the report is written, or with the service (the channel closes).

const {
  store: location,
  point,
  dir,
} = await new Promise<ReplayJob>((resolve) => process.once("message", (job) => resolve(job as ReplayJob)));
// The service is gone (stopped, or killed): nobody is left to read the report.
const orphaned = () => process.exit(1);
process.once("disconnect", orphaned);
const post = (message: FromReplay) =>
  new Promise<void>((resolve) => process.send!(message, undefined, undefined, () => resolve()));
const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(location);

// The audit package refuses with a plain Error or RangeError naming ids and sizes only; anything
// else (a driver's error) may quote what it read, so only its name is passed on.
const reasonOf = (error: unknown): string =>
  error instanceof Error && (error.constructor === Error || error.constructor === RangeError)
    ? error.message
    : `the replay failed (${error instanceof Error ? error.name : "unknown error"})`;

const store = openForReading(location);
try {
  // Counting is one index scan on SQLite; on EventStoreDB the scan's total stays unknown.
  const inLog = isUrl ? null : await store.countEventsAfter(0n, Number.MAX_SAFE_INTEGER);
  const { report, files } = await replayInto(store, point, dir, {
    scanning: (events) => void post({ type: "progress", phase: "scanning", events, total: inLog }),
    replaying: (events, total) => void post({ type: "progress", phase: "replaying", events, total }),
  });
  // The fresh read model served its purpose: the report and CSVs are what is kept and downloaded.
  for (const suffix of ["", "-wal", "-shm"]) rmSync(join(dir, REPLAY_READ_MODEL_FILE + suffix), { force: true });
  const { replayed, head } = report;
  await post({
    type: "done",
    files,
    summary: {
      ...replayed,
      rootHash: head.rootHash,
      signedHeadMatches: head.signedHead === null ? null : head.signedHead.rootMatches,
    },
  });
} catch (error) {
  await post({ type: "failed", reason: reasonOf(error) });
} finally {
  await store.close();
  // Its last word is sent: closing the channel lets the process end.
  process.off("disconnect", orphaned);
  process.disconnect();
}
