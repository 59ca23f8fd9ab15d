import { describe, expect, it } from "vitest";
import { toHxlCsv } from "./hxl.js";

describe("HXL CSV", () => {
  it("writes a header row, a hashtag row, then the rows, leaving nulls empty", () => {
    const csv = toHxlCsv(
      [
        { header: "cboId", hxl: "#org+id", value: (r: { cbo: string; n: number | null }) => r.cbo },
        { header: "persons", hxl: "#reached+ind", value: (r) => r.n },
      ],
      [
        { cbo: "ashodaya, mysuru", n: 7 },
        { cbo: "vamp", n: null },
      ],
    );
    expect(csv).toBe('cboId,persons\n#org+id,#reached+ind\n"ashodaya, mysuru",7\nvamp,\n');
  });

  it("neutralises a formula in a data cell but not the hashtag row's own '#'", () => {
    const csv = toHxlCsv([{ header: "district", hxl: "#adm2+name", value: (r: string) => r }], ["=1+1"]);
    expect(csv).toBe("district\n#adm2+name\n'=1+1\n");
  });
});
