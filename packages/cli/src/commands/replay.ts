import { existsSync, mkdirSync, readdirSync } from "node:fs";
import type { Command } from "commander";
import { events, refusedError, usageError, type Io } from "../io.js";
import { eventsInLog, openStore, storeLocation } from "../audit/locations.js";
import { workProgress, type WorkProgress } from "../progress/work-progress.js";
import { auditRefusal } from "../audit/refusal.js";
import { REPLAY_READ_MODEL_FILE, replayInto, type ReplayProgress, type Report } from "@relief-ledger/replay";
import { replayPoint } from "../reconciliation/point.js";

interface ReplayFlags {
  asOf?: string;
  position?: string;
  out: string;
  store?: string;
}

/** Only a new or empty directory: a replay must never overwrite anything, least of all a live model. */
function emptyDirectory(dir: string): string {
  if (existsSync(dir) && readdirSync(dir).length > 0)
    throw usageError(`--out ${dir} is not empty: give a new or empty directory, so nothing is overwritten`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

function summarize({ replayed, head }: Report, out: string, files: string[]): string {
  const { signedHead } = head;
  const upTo = replayed.lastPosition === null ? "an empty log" : `position ${replayed.lastPosition}`;
  const signed =
    signedHead === null
      ? "no head was signed within it"
      : `the last head signed within it covers ${events(signedHead.treeSize)} and ` +
        (signedHead.rootMatches ? "matches them" : "DOES NOT match them: run ledger verify");
  return (
    `Replayed ${events(replayed.events)} (${upTo}, last recorded ${replayed.lastRecordedAt ?? "never"}).\n` +
    `Merkle root ${head.rootHash} over ${events(head.treeSize)}; ${signed}.\n` +
    `Wrote ${files.join(", ")} and the read model ${REPLAY_READ_MODEL_FILE} to ${out}.\n`
  );
}

async function replay(flags: ReplayFlags, io: Io): Promise<void> {
  const point = replayPoint(flags);
  // Flags are checked before anything is opened, so a mistake is named whatever the store.
  const out = emptyDirectory(flags.out);
  const location = storeLocation(flags.store, io.env);
  const store = openStore(location, true);
  let bar: WorkProgress | undefined;
  try {
    const inLog = await eventsInLog(store, location);
    let phase: "scanning" | "replaying" | undefined;
    // Two passes, one bar each: hashing the log up to the point, then rebuilding the read models.
    const progress: ReplayProgress = {
      scanning(events) {
        if (phase === undefined) {
          phase = "scanning";
          bar = workProgress(io.stderr, { label: "hashing the log", unit: "events", total: inLog });
        }
        bar?.update(events);
      },
      replaying(events, total) {
        if (phase !== "replaying") {
          phase = "replaying";
          bar?.stop();
          bar = workProgress(io.stderr, { label: "replaying", unit: "events", total });
        }
        bar?.update(events);
      },
    };
    const { report, files } = await replayInto(store, point, out, progress);
    bar?.stop();
    bar = undefined;
    io.stdout.write(summarize(report, out, files));
    const signed = report.head.signedHead;
    // The report is written either way, as evidence; the exit code says it contradicts a signature.
    if (signed && !signed.rootMatches)
      throw refusedError(
        `the first ${signed.treeSize} events replayed do not give the root the head at position ${signed.position} signed: ` +
          "the store was changed after it was signed (ledger verify --index locates the event)",
      );
  } catch (error) {
    throw auditRefusal(error);
  } finally {
    bar?.stop();
    await store.close();
  }
}

export function replayCommand(program: Command, io: Io): void {
  program
    .command("replay")
    .description("Rebuild every read model as it stood at a past point, into a new directory, with a report (auditors)")
    .option("--as-of <date>", "events recorded up to the end of this UTC day (YYYY-MM-DD) or up to this ISO instant")
    .option("--position <n>", "events up to and including this position of the global log")
    .requiredOption("--out <dir>", "a new or empty directory for report.json, one CSV per table and the read model")
    .option("--store <location>", "the event store (default: $LEDGER_STORE)")
    .action((flags: ReplayFlags) => replay(flags, io));
}
