import { describe, expect, it } from "vitest";
import { duration, workProgress } from "./work-progress.js";

/**
 * Progress over events on a clock the test moves, with stderr captured (a terminal or not):
 * `after(ms, done)` moves the clock on and reports how many are done.
 */
function given(isTTY: boolean, options: { label: string; total?: number }) {
  let ms = 1_000_000;
  let text = "";
  const stderr = { write: (chunk: string) => (text += chunk), isTTY };
  const progress = workProgress(stderr, { ...options, unit: "events", now: () => ms });
  const after = (by: number, done: number) => {
    ms += by;
    progress.update(done);
  };
  return { progress, after, output: () => text };
}

describe("workProgress without a terminal", () => {
  it("writes one line per 10 s with the count, the share done, the rate and the time left", () => {
    const io = given(false, { label: "rebuilding", total: 100_000 });
    io.after(4_000, 8_000);
    expect(io.output()).toBe("");
    io.after(6_000, 20_000);
    expect(io.output()).toBe("rebuilding: 20,000/1,00,000 events (20%), 2,000 events/s, about 40 s left\n");
    io.after(5_000, 30_000);
    expect(io.output().split("\n")).toHaveLength(2);
    io.after(5_000, 40_000);
    io.progress.stop();
    expect(io.output().trim().split("\n").slice(1)).toEqual([
      "rebuilding: 40,000/1,00,000 events (40%), 2,000 events/s, about 30 s left",
      "rebuilding: 40,000 events in 20 s, 2,000 events/s",
    ]);
  });

  it("without a total shows the count and rate only, and a quick run stays silent", () => {
    const io = given(false, { label: "indexing" });
    io.after(10_000, 5_000);
    expect(io.output()).toBe("indexing: 5,000 events, 500 events/s\n");

    const quick = given(false, { label: "indexing" });
    quick.after(300, 10);
    quick.progress.stop();
    expect(quick.output()).toBe("");
  });
});

describe("workProgress on a terminal", () => {
  it("draws a bar with the count, the rate and an ETA", () => {
    const io = given(true, { label: "verifying", total: 1_000 });
    io.after(2_000, 500);
    io.progress.stop();
    expect(io.output()).toContain("verifying [");
    expect(io.output()).toContain("50% | 500/1,000 events | 250 events/s | ETA");
  });
});

describe("duration", () => {
  it("reads in the unit that matters", () => {
    expect([duration(12.4), duration(245), duration(3_720)]).toEqual(["12 s", "4 min 05 s", "1 h 02 min"]);
  });
});
