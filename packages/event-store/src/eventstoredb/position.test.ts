import { describe, expect, it } from "vitest";
import { decodePosition, encodePosition } from "./position.js";

describe("EventStoreDB position packing", () => {
  it("round-trips commit and prepare positions", () => {
    const position = { commit: 123_456_789_012n, prepare: 123_456_789_345n };
    expect(decodePosition(encodePosition(position))).toEqual(position);
  });

  it("orders by commit position first, then prepare position", () => {
    const a = encodePosition({ commit: 10n, prepare: 99n });
    const b = encodePosition({ commit: 11n, prepare: 11n });
    const c = encodePosition({ commit: 11n, prepare: 12n });
    expect(a < b && b < c).toBe(true);
  });

  it("keeps the full 64-bit range of each half", () => {
    const max = (1n << 64n) - 1n;
    expect(decodePosition(encodePosition({ commit: max, prepare: max }))).toEqual({ commit: max, prepare: max });
  });
});
