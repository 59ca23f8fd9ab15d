import { afterEach, describe, expect, it, vi } from "vitest";
import type { LoadProgress, LoadSummary } from "../demo-data/load.js";
import { printLoadProgress, progressLine } from "./load-progress.js";

const tally = (recorded = 0, replayed = 0) => ({ recorded, replayed });
const summary = (elapsedMs: number, recorded: number, replayed = 0): LoadSummary => ({
  cbos: tally(),
  donors: tally(),
  funds: tally(),
  submissions: tally(),
  distributions: tally(recorded, replayed),
  voids: tally(),
  retries: 0,
  elapsedMs,
});
const at = (p: Omit<LoadProgress, "summary">, s: LoadSummary): LoadProgress => ({ ...p, summary: s });

describe("progressLine", () => {
  it("says how far the distributions are, how fast, and how long is left", () => {
    const line = progressLine(
      at({ phase: "submissions", done: 100, total: 1_000 }, summary(100_000, 300_000)),
      955_105,
    );
    expect(line).toBe("  3,00,000 of 9,55,105 distributions (31%), 3,000 a second, about 4 min to go");
  });

  it("counts what an earlier, interrupted load already stored", () => {
    const line = progressLine(at({ phase: "submissions", done: 2, total: 10 }, summary(10_000, 500, 1_500)), 10_000);
    expect(line).toContain("2,000 of 10,000 distributions (20%) (1,500 were there already)");
  });

  it("sums up the registrations, the funds and the end", () => {
    expect(progressLine(at({ phase: "registrations", done: 167, total: 167 }, summary(2_000, 0)), 10)).toBe(
      "  registered 167 of 167 CBOs and donors (2 s)",
    );
    expect(progressLine(at({ phase: "done", done: 1, total: 1 }, summary(313_000, 955_105)), 955_105)).toBe(
      "  loaded 9,55,105 distributions in 5 min",
    );
  });
});

describe("printLoadProgress", () => {
  afterEach(() => vi.restoreAllMocks());

  it("prints the end of each short phase, the submissions every few seconds, and the end once", () => {
    const printed = vi.spyOn(console, "log").mockImplementation(() => undefined);
    let now = 1_000_000;
    vi.spyOn(Date, "now").mockImplementation(() => now);
    const print = printLoadProgress(100, 5_000);
    const s = summary(1_000, 10);
    print(at({ phase: "registrations", done: 1, total: 2 }, s));
    print(at({ phase: "registrations", done: 2, total: 2 }, s));
    print(at({ phase: "submissions", done: 1, total: 10 }, s));
    now += 5_000;
    print(at({ phase: "submissions", done: 2, total: 10 }, s));
    now += 5_000;
    print(at({ phase: "submissions", done: 10, total: 10 }, s));
    print(at({ phase: "done", done: 1, total: 1 }, s));
    expect(printed.mock.calls.map(([line]) => String(line).trim().split(" ")[0])).toEqual([
      "registered",
      "10",
      "loaded",
    ]);
  });
});
