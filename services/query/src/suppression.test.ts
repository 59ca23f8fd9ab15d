import { describe, expect, it } from "vitest";
import { suppressSmallCells } from "./suppression.js";

describe("small-cell suppression", () => {
  it("nulls and marks person counts from 1 to 4 at any depth, and keeps 0 and 5", () => {
    const attribution = {
      overall: { persons: 12, attributedPaise: 500 },
      funds: [
        {
          fundId: "f1",
          persons: 4,
          cells: [
            { month: "2021-05", persons: 1 },
            { month: "2021-06", persons: 0 },
          ],
        },
        { fundId: "f2", persons: 5, cells: [] },
      ],
    };
    expect(suppressSmallCells(attribution)).toEqual({
      overall: { persons: 12, attributedPaise: 500 },
      funds: [
        {
          fundId: "f1",
          persons: null,
          personsSuppressed: true,
          cells: [
            { month: "2021-05", persons: null, personsSuppressed: true },
            { month: "2021-06", persons: 0 },
          ],
        },
        { fundId: "f2", persons: 5, cells: [] },
      ],
    });
  });

  it("leaves the original untouched", () => {
    const cell = { persons: 2 };
    suppressSmallCells(cell);
    expect(cell).toEqual({ persons: 2 });
  });
});
