import { describe, expect, it } from "vitest";
import { toHxlCsv } from "./hxl-csv.js";

describe("HXL CSV", () => {
  it("writes a header row, a hashtag row, then the rows, leaving nulls empty", () => {
    const csv = toHxlCsv(
      [
        { header: "cboId", hxl: "#org+id", value: (r: { cbo: string; n: number | null }) => r.cbo },
        { header: "persons", hxl: "#reached+persons", value: (r) => r.n },
      ],
      [
        { cbo: "ashodaya, mysuru", n: 7 },
        { cbo: "vamp", n: null },
      ],
    );
    expect(csv).toBe('cboId,persons\n#org+id,#reached+persons\n"ashodaya, mysuru",7\nvamp,\n');
  });
});
