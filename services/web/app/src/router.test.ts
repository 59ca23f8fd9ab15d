import { describe, expect, it } from "vitest";
import { fill, match } from "./router.js";

describe("paths", () => {
  it("read a path's :params, and only where every fixed segment is the pattern's", () => {
    expect(match("/donors/d%201/funds/f1", "/donors/:donorId/funds/:fundId")).toEqual({ donorId: "d 1", fundId: "f1" });
    expect(match("/audit", "/audit")).toEqual({});
    expect(match("/audit/flags", "/audit")).toBeUndefined();
    expect(match("/desk/receipts", "/desk/enter")).toBeUndefined();
  });

  it("fill a pattern's :params from values, encoded, and give none while one is missing", () => {
    expect(fill("/coalition", {})).toBe("/coalition");
    expect(fill("/", {})).toBe("/");
    expect(fill("/donors/:donorId", { role: "donor", donorId: "d 1/2" })).toBe("/donors/d%201%2F2");
    expect(fill("/donors/:donorId", { role: "donor" })).toBeUndefined();
    expect(fill("/donors/:donorId", { donorId: "" })).toBeUndefined();
  });

  it("match a filled path back to its params", () => {
    const pattern = "/donors/:donorId/funds/:fundId";
    const params = { donorId: "Ünïcode & co", fundId: "a?b#c" };
    expect(match(fill(pattern, params)!, pattern)).toEqual(params);
  });
});
