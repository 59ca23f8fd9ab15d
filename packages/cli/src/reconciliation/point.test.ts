import type { RecordedEvent } from "@relief-ledger/event-store";
import { describe, expect, it } from "vitest";
import { includes, replayPoint } from "./point.js";

const recordedAt = (at: string, position = 1n) => ({ position, recordedAt: at }) as RecordedEvent;

describe("the point a replay goes to", () => {
  it("takes a day as the whole UTC day, to its last millisecond", () => {
    const point = replayPoint({ asOf: "2024-02-29" });
    expect(point).toEqual({ by: "recordedAt", asOf: "2024-02-29", until: "2024-02-29T23:59:59.999Z" });
    const inside = includes(point);
    expect(inside(recordedAt("2024-02-29T23:59:59.999Z"))).toBe(true);
    expect(inside(recordedAt("2024-03-01T00:00:00.000Z"))).toBe(false);
  });

  it("takes an instant exactly, in whatever zone it is written", () => {
    const point = replayPoint({ asOf: "2025-01-15T15:00:00.250+05:30" });
    expect(point).toMatchObject({ until: "2025-01-15T09:30:00.250Z" });
    expect(includes(point)(recordedAt("2025-01-15T09:30:00.250Z"))).toBe(true);
    expect(includes(point)(recordedAt("2025-01-15T09:30:00.251Z"))).toBe(false);
  });

  it("takes a position as the last one included", () => {
    const inside = includes(replayPoint({ position: "007" }));
    expect([6n, 7n, 8n].map((position) => inside(recordedAt("2025-01-01T00:00:00Z", position)))).toEqual([
      true,
      true,
      false,
    ]);
  });

  it.each([
    [{ asOf: "2025-01-15", position: "3" }, /^give --as-of or --position, not both/],
    [{}, /^give --as-of DATE .* or --position N/],
    [{ asOf: "2025-02-29" }, /^--as-of must be a UTC day/],
    [{ asOf: "15/01/2025" }, /^--as-of must be/],
    [{ asOf: "2025-01-15T09:30:00" }, /^--as-of must be .* with its zone/],
    [{ asOf: "2025-01-15T24:00:00Z" }, /^--as-of must be/],
    [{ position: "-1" }, /^--position must be a whole number/],
    [{ position: "ten" }, /^--position must be a whole number/],
  ])("refuses %j, naming the flag, with exit code 2", (flags, message) => {
    expect(() => replayPoint(flags)).toThrow(
      expect.objectContaining({ exitCode: 2, message: expect.stringMatching(message) }),
    );
  });
});
