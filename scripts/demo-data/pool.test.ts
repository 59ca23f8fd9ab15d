import { describe, expect, it } from "vitest";
import { runPool } from "./pool.js";

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe("runPool", () => {
  it("keeps at most `concurrency` items in flight and pulls items only as workers free up", async () => {
    let inFlight = 0;
    let most = 0;
    let pulled = 0;
    const done: number[] = [];
    function* items() {
      for (let i = 0; i < 20; i++) {
        pulled++;
        // Never more pulled than finished plus in flight: the generator is not drained ahead.
        expect(pulled).toBeLessThanOrEqual(done.length + 3 + 1);
        yield i;
      }
    }
    await runPool(items(), 3, async (i) => {
      most = Math.max(most, ++inFlight);
      await tick();
      inFlight--;
      done.push(i);
    });
    expect(most).toBe(3);
    expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it("stops taking work after the first failure and throws it once work in flight is done", async () => {
    const started: number[] = [];
    let finished = 0;
    const run = runPool([0, 1, 2, 3, 4, 5, 6, 7], 2, async (i) => {
      started.push(i);
      await tick();
      if (i === 1) throw new Error("refused");
      finished++;
    });
    await expect(run).rejects.toThrow("refused");
    expect(started.length).toBeLessThan(8);
    expect(finished).toBe(started.length - 1);
  });
});
