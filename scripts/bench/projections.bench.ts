import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openSqliteEventStore, type EventStore } from "@relief-ledger/event-store";
import { rebuild } from "@relief-ledger/projections";
import { DeadlineReached, recentRate, withTimeLimit, type Progress } from "./fixture/deadline-store.js";
import { ledgerFixture } from "./fixture/fixture.js";
import { positionOfEvent, prefixOf } from "./fixture/prefix-store.js";
import { adapterScan, rawScan } from "./log-scan.js";
import type { BenchSection, Figure } from "./report.js";
import { median, rate } from "./timing.js";

const PREFIX = 100_000;
// The rebuild's default page (REBUILD_PAGE): the scan reads the log in the pages the rebuild reads it in.
const PAGE = 1_000;
// A full rebuild that will not finish in this time is stopped and measured by how far it got,
// so a slow machine cannot stall the whole `pnpm bench`.
const FULL_LIMIT_MS = 12 * 60_000;

const scanOf = (what: string) => `event-store readAll of ${what} (pages of ${PAGE}, JSON parsed)`;
const rawOf = (what: string) => `raw better-sqlite3 SELECT of ${what}`;
const n = (x: number) => x.toLocaleString("en-US");

interface ChildRebuild {
  events: number;
  seconds: number;
  maxRssMiB: number;
  digest: string | null;
}

/** A rebuild of the first `events` events in a process of its own (rebuild.child.ts): its peak RSS is the rebuild's. */
function childRebuild(fixtureFile: string, events: number, out: string): ChildRebuild {
  const child = fileURLToPath(new URL("./rebuild.child.ts", import.meta.url));
  const stdout = execFileSync(process.execPath, ["--import", "tsx", child, fixtureFile, String(events), out], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  rmSync(out, { force: true });
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as ChildRebuild;
}

/** Peak RSS of a rebuild at 100,000 and at all events, each in a fresh process, beside the bare process. */
function memoryFigures(
  fixtureFile: string,
  total: number,
  dir: string,
  digests: { prefix?: string; full?: string },
): { figures: Figure[]; notes: string[] } {
  const bare = childRebuild(fixtureFile, 0, join(dir, "bare.db"));
  const small = childRebuild(fixtureFile, PREFIX, join(dir, "memory-prefix.db"));
  const all = childRebuild(fixtureFile, total, join(dir, "memory-full.db"));
  // The same log gives the same read model in any process: a difference is a bug, not noise.
  for (const [child, inProcess] of [
    [small.digest, digests.prefix],
    [all.digest, digests.full],
  ])
    if (inProcess !== undefined && child !== inProcess) throw new Error("a rebuild's digest differs between runs");
  const reference = "the same process bare: runtime, tsx and the rebuild's modules loaded (this run)";
  return {
    figures: [
      {
        name: `rebuild peak RSS, first ${n(PREFIX)} events`,
        value: small.maxRssMiB,
        unit: "MiB",
        reference,
        referenceValue: bare.maxRssMiB,
        lowerIsBetter: true,
        goal: "< 300 MB",
      },
      {
        name: `rebuild peak RSS, all ${n(total)} events`,
        value: all.maxRssMiB,
        unit: "MiB",
        reference,
        referenceValue: bare.maxRssMiB,
        lowerIsBetter: true,
        goal: "< 300 MB",
      },
      {
        name: `rebuild peak RSS growth from ${n(PREFIX)} to ${n(total)} events`,
        value: all.maxRssMiB,
        unit: "MiB",
        reference: `its own peak at ${n(PREFIX)} events`,
        referenceValue: small.maxRssMiB,
        lowerIsBetter: true,
        goal: "≈ 100% (flat)",
      },
    ],
    notes: [
      `Peak RSS: VmHWM (/proc) of a child process (scripts/bench/rebuild.child.ts) that runs one \`rebuild()\` of the fixture's first N events and nothing else, the position of the N-th read from the file with one SELECT; memory figures are costs, so ratio = reference ÷ value. 300 MB is 286 MiB. Those rebuilds took ${small.seconds.toFixed(1)} s and ${all.seconds.toFixed(1)} s; their digests equal the in-process rebuilds' of the same events.`,
      "tsx, which the benchmark runs under, adds about 37 MiB to every process here (bare: 115 against 78 MiB for plain node loading the same built modules); `ledger replay` and `ledger projections rebuild` run without it.",
    ],
  };
}

interface Round {
  rebuild: number;
  scan: number;
  raw: number;
}

/** Scan, rebuild, scan (and the raw scan around them), so drift during the rebuild hits the reference too. */
async function around(store: EventStore, file: string, events: number, subject: () => Promise<number>): Promise<Round> {
  const raw = [await rawScan(file, events)];
  const scan = [await adapterScan(store, events, PAGE)];
  const rebuilt = await subject();
  scan.push(await adapterScan(store, events, PAGE));
  raw.push(await rawScan(file, events));
  return { rebuild: rebuilt, scan: median(scan), raw: median(raw) };
}

const figures = (name: string, round: Round, what: string): Figure[] => [
  { name, value: round.rebuild, unit: "events/s", reference: scanOf(what), referenceValue: round.scan, goal: "≥ 40%" },
  { name, value: round.rebuild, unit: "events/s", reference: rawOf(what), referenceValue: round.raw },
];

export async function projectionsBench(): Promise<BenchSection> {
  const fixture = await ledgerFixture();
  const store = openSqliteEventStore({ file: fixture.file, readonly: true });
  const dir = mkdtempSync(join(tmpdir(), "ledger-rebuild-bench-"));
  const notes: string[] = [];
  const result: Figure[] = [];
  const digests: { prefix?: string; full?: string } = {};
  try {
    await rawScan(fixture.file, fixture.events); // warms the page cache for both scans and rebuilds

    const prefixEnd = await positionOfEvent(store, PREFIX);
    const prefix = await around(store, fixture.file, PREFIX, () =>
      rate(
        PREFIX,
        async () =>
          void (digests.prefix = (
            await rebuild({ store: prefixOf(store, prefixEnd), file: join(dir, "prefix.db") })
          ).digest),
      ),
    );
    result.push(...figures(`rebuild, first ${n(PREFIX)} events`, prefix, "the same events"));

    let finished = false;
    let elapsedMs = 0;
    const limited = withTimeLimit(store, FULL_LIMIT_MS);
    const full = await around(store, fixture.file, fixture.events, async () => {
      const began = Date.now();
      try {
        digests.full = (await rebuild({ store: limited.store, file: join(dir, "full.db") })).digest;
        finished = true;
      } catch (error) {
        if (!(error instanceof DeadlineReached)) throw error;
      }
      elapsedMs = Date.now() - began;
      return ((finished ? fixture.events : reachedIn(limited.progress)) * 1_000) / elapsedMs;
    });
    if (finished) {
      result.push(...figures(`rebuild, all ${n(fixture.events)} events`, full, "the same events"), {
        name: `rebuild rate at ${n(fixture.events)} events`,
        value: full.rebuild,
        unit: "events/s",
        reference: `the rebuild rate at ${n(PREFIX)} events (this run)`,
        referenceValue: prefix.rebuild,
        goal: "≥ 85%",
      });
    } else {
      const reached = reachedIn(limited.progress);
      const lastMinute = recentRate(limited.progress, 60_000);
      const name = `rebuild of all ${n(fixture.events)}, stopped after ${FULL_LIMIT_MS / 60_000} min at ${n(reached)}`;
      result.push(...figures(name, full, `all ${n(fixture.events)} events`), {
        name: "the same rebuild, its last minute only",
        value: lastMinute,
        unit: "events/s",
        reference: scanOf(`all ${n(fixture.events)} events`),
        referenceValue: full.scan,
        goal: "≥ 40%",
      });
      notes.push(...extrapolation(limited.progress, fixture.events, lastMinute));
    }
    const memory = memoryFigures(fixture.file, fixture.events, dir, digests);
    result.push(...memory.figures);
    notes.push(...memory.notes);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    title: "Projections: rebuild from position 0 (all projections, SQLite read model)",
    figures: result,
    notes: [
      `Fixture: ${fixture.description}`,
      `Each rebuild is one \`rebuild({ store, file })\` (the in-memory fold of decisions/0032, reading pages of ${PAGE}, then every table written once, the digest and the swap into place), timed between two readAll scans and two raw scans of the same events in the same run; the references are the medians of those.`,
      `The ${n(PREFIX)}-event figure rebuilds a prefix of the fixture (a read-only view of its first ${n(PREFIX)} positions): the first ~5 weeks of the year.`,
      ...notes,
    ],
  };
}

const reachedIn = (progress: Progress): number => progress.at(-1)?.events ?? 0;

/** How long all events would have taken: at least the last minute's pace, or time ∝ events^k fitted to this run. */
function extrapolation(progress: Progress, total: number, lastMinute: number): string[] {
  const first = progress[0]!.at;
  const last = progress.at(-1)!;
  const elapsed = last.at - first;
  const half = progress.find((r) => r.events >= last.events / 2)!;
  const minutes = (ms: number) => `${(ms / 60_000).toFixed(1)} min`;
  const lines = [
    `A full rebuild of ${n(total)} events did not finish within the section's time limit, so it was stopped after ${minutes(elapsed)} at ${n(last.events)} events.` +
      (lastMinute > 0
        ? ` Its rate falls as the read model grows: at the last minute's pace the rest would take another ${minutes(((total - last.events) / lastMinute) * 1_000)} at the very least.`
        : ""),
  ];
  if (half.at > first && last.events > half.events) {
    const k = Math.log(elapsed / (half.at - first)) / Math.log(last.events / half.events);
    lines.push(
      `Fitting time ∝ events^k to this run (${n(half.events)} events after ${minutes(half.at - first)}, ${n(last.events)} after ${minutes(elapsed)}) gives k = ${k.toFixed(2)} and about ${((elapsed / 3_600_000) * (total / last.events) ** k).toFixed(1)} h for all ${n(total)}.`,
    );
  }
  return lines;
}
