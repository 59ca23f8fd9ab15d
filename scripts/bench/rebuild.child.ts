// One rebuild of the benchmark fixture's first N events in a process of its own, so that the
// process's peak RSS is the rebuild's: `node --import tsx rebuild.child.ts <fixture> <events> <out-file>`.
// With 0 events it only loads what a rebuild loads: the bare process, the figure's reference.
// Prints one JSON line: { events, seconds, maxRssMiB, digest }.
import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import { openSqliteEventStore } from "@relief-ledger/event-store";
import { rebuild } from "@relief-ledger/projections";
import { prefixOf } from "./fixture/prefix-store.js";

/**
 * The process's peak resident set, in MiB: VmHWM from /proc, which belongs to this program alone.
 * (getrusage's maxRSS is not: Linux carries the high-water mark of the forked parent, the whole
 * benchmark, across exec.) Elsewhere maxRSS is the best there is.
 */
function maxRssMiB(): number {
  try {
    const line = readFileSync("/proc/self/status", "utf8")
      .split("\n")
      .find((l) => l.startsWith("VmHWM:"));
    if (line) return Number(line.match(/\d+/)![0]) / 1024;
  } catch {
    // no /proc
  }
  return process.resourceUsage().maxRSS / 1024;
}

const [fixtureFile, eventsText, out] = process.argv.slice(2);
if (!fixtureFile || !eventsText || !out) throw new Error("usage: rebuild.child.ts <fixture> <events> <out-file>");
const events = Number(eventsText);
if (events === 0) {
  console.log(JSON.stringify({ events, seconds: 0, maxRssMiB: maxRssMiB(), digest: null }));
} else {
  // The prefix's last position straight from the file: reading the log to find it would cost the
  // process memory that is not the rebuild's.
  const raw = new Database(fixtureFile, { readonly: true });
  const end = raw
    .prepare<[number], number>("SELECT position FROM events ORDER BY position LIMIT 1 OFFSET ?")
    .pluck()
    .get(events - 1);
  raw.close();
  if (end === undefined) throw new Error(`the fixture has fewer than ${events} events`);
  const store = openSqliteEventStore({ file: fixtureFile, readonly: true });
  try {
    const began = process.hrtime.bigint();
    const { digest } = await rebuild({ store: prefixOf(store, BigInt(end)), file: out });
    const seconds = Number(process.hrtime.bigint() - began) / 1e9;
    console.log(JSON.stringify({ events, seconds, maxRssMiB: maxRssMiB(), digest }));
  } finally {
    await store.close();
  }
}
