import { isUuid } from "@relief-ledger/domain";
import { describe, expect, it } from "vitest";
import { Rng, hashWords } from "./prng.js";

const draw = (rng: Rng, n = 8) => Array.from({ length: n }, () => rng.next32());

describe("Rng", () => {
  it("gives the same stream for the same seed and path, and another for any other", () => {
    expect(draw(Rng.from(1, 2, 3))).toEqual(draw(Rng.from(1, 2, 3)));
    const streams = [Rng.from(1, 2, 3), Rng.from(2, 2, 3), Rng.from(1, 3, 2), Rng.from(1, 2), Rng.from(2 ** 40, 2, 3)];
    const firsts = new Set(streams.map((rng) => draw(rng).join(",")));
    expect(firsts.size).toBe(streams.length);
  });

  it("pins its output, so a change to the generator's randomness is a deliberate one", () => {
    expect(hashWords(0, [1, 2, 3])).not.toBe(hashWords(1, [1, 2, 3]));
    expect(draw(Rng.from(1), 3)).toMatchInlineSnapshot(`
      [
        794789820,
        1198784774,
        2638588125,
      ]
    `);
  });

  it("draws uniformly enough for a demo", () => {
    const rng = Rng.from(7);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[rng.int(4)]!++;
    for (const count of counts) expect(count).toBeGreaterThan(9_500);
    const weighted = [0, 0];
    for (let i = 0; i < 10_000; i++) weighted[rng.weighted([1, 3])]!++;
    expect(weighted[1]! / 10_000).toBeCloseTo(0.75, 1);
    for (let i = 0; i < 1_000; i++) expect(rng.between(3, 5)).toBeGreaterThanOrEqual(3);
  });

  it("makes lowercase version 4 and version 7 UUIDs the ledger accepts", () => {
    const rng = Rng.from(3);
    for (let i = 0; i < 1_000; i++) {
      const v4 = rng.uuidV4();
      expect(isUuid(v4)).toBe(true);
      expect(v4[14]).toBe("4");
    }
    const ms = Date.UTC(2020, 3, 14, 10, 30);
    const v7 = rng.uuidV7(ms);
    expect(isUuid(v7)).toBe(true);
    expect(v7[14]).toBe("7");
    expect(parseInt(v7.replace(/-/g, "").slice(0, 12), 16)).toBe(ms);
  });
});
