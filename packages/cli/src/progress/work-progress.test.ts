import { describe, expect, it } from "vitest";
import { duration, workProgress } from "./work-progress.js";

/** A clock the test moves, and stderr captured (a terminal or not). */
function given(isTTY: boolean) {
  let ms = 1_000_000;
  let text = "";
  const stderr = { write: (chunk: string) => (text += chunk), isTTY };
  return { stderr, tick: (by: number) => (ms += by), now: () => ms, output: () => text };
}

describe("workProgress without a terminal", () => {
  it("writes one line per 10 s with the count, the share done, the rate and the time left", () => {
    const io = given(false);
    const progress = workProgress(io.stderr, { label: "rebuilding", unit: "events", total: 100_000, now: io.now });
    io.tick(4_000);
    progress.update(8_000);
    expect(io.output()).toBe("");
    io.tick(6_000);
    progress.update(20_000);
    expect(io.output()).toBe("rebuilding: 20,000/1,00,000 events (20%), 2,000 events/s, about 40 s left\n");
    io.tick(5_000);
    progress.update(30_000);
    expect(io.output().split("\n")).toHaveLength(2);
    io.tick(5_000);
    progress.update(40_000);
    progress.stop();
    expect(io.output().trim().split("\n").slice(1)).toEqual([
      "rebuilding: 40,000/1,00,000 events (40%), 2,000 events/s, about 30 s left",
      "rebuilding: 40,000 events in 20 s, 2,000 events/s",
    ]);
  });

  it("without a total shows the count and rate only, and a quick run stays silent", () => {
    const io = given(false);
    const progress = workProgress(io.stderr, { label: "indexing", unit: "events", now: io.now });
    io.tick(10_000);
    progress.update(5_000);
    expect(io.output()).toBe("indexing: 5,000 events, 500 events/s\n");

    const quick = given(false);
    const short = workProgress(quick.stderr, { label: "indexing", unit: "events", now: quick.now });
    quick.tick(300);
    short.update(10);
    short.stop();
    expect(quick.output()).toBe("");
  });
});

describe("workProgress on a terminal", () => {
  it("draws a bar with the count, the rate and an ETA", () => {
    const io = given(true);
    const progress = workProgress(io.stderr, { label: "verifying", unit: "events", total: 1_000, now: io.now });
    io.tick(2_000);
    progress.update(500);
    progress.stop();
    expect(io.output()).toContain("verifying [");
    expect(io.output()).toContain("50% | 500/1,000 events | 250 events/s | ETA");
  });
});

describe("duration", () => {
  it("reads in the unit that matters", () => {
    expect([duration(12.4), duration(245), duration(3_720)]).toEqual(["12 s", "4 min 05 s", "1 h 02 min"]);
  });
});
