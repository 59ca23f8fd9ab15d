import { describe, expect, it } from "vitest";
import { lagCounter } from "./lag-counter.js";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("lagCounter", () => {
  it("counts one at a time, for the newest checkpoint, and publishes each count", async () => {
    const asked: bigint[] = [];
    const published: number[] = [];
    let release!: () => void;
    const counter = lagCounter({
      count: async (after) => {
        asked.push(after);
        await new Promise<void>((resolve) => (release = resolve));
        return 100 - Number(after);
      },
      publish: (events) => published.push(events),
      intervalMs: 0,
    });
    counter.after(10n);
    await tick();
    // Three batches end while the first count runs: only the last of them is counted next.
    counter.after(20n);
    counter.after(30n);
    counter.after(40n);
    release();
    await tick();
    release();
    await tick();
    await counter.stop();
    expect(asked).toEqual([10n, 40n]);
    expect(published).toEqual([90, 60]);
  });

  it("counts at most once an interval however many batches end, and always counts the last", async () => {
    const asked: bigint[] = [];
    const counter = lagCounter({
      count: async (after) => (asked.push(after), 0),
      publish: () => undefined,
      intervalMs: 60,
    });
    for (let checkpoint = 1n; checkpoint <= 20n; checkpoint++) {
      counter.after(checkpoint);
      await tick();
    }
    await expect.poll(() => asked.at(-1), { timeout: 2_000 }).toBe(20n);
    await counter.stop();
    expect(asked.length).toBeLessThan(10);
  });

  it("keeps the last count when a count fails, and counts again after the next batch", async () => {
    const published: number[] = [];
    let fail = true;
    const counter = lagCounter({
      count: async () => {
        if (fail) throw new Error("store unavailable");
        return 7;
      },
      publish: (events) => published.push(events),
      intervalMs: 0,
    });
    counter.after(1n);
    await tick();
    fail = false;
    counter.after(2n);
    await expect.poll(() => published).toEqual([7]);
    await counter.stop();
  });
});
