import { describe, expect, it } from "vitest";
import { checkHeader, columnLetter } from "./columns.js";

describe("CSV columns", () => {
  it("are found by spreadsheet letter", () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual([
      "A",
      "B",
      "Z",
      "AA",
      "AB",
      "AZ",
      "BA",
      "ZZ",
      "AAA",
    ]);
  });

  it("accept a header without distributionId, which the CLI then assigns", () => {
    const checked = checkHeader(["service", "quantity", "valuePaise", "distributedOn", "funding", "phone"]);
    expect(checked).toEqual({ ok: true, header: { columns: expect.any(Array), hasIdColumn: false } });
  });

  it("refuse unknown, unnamed and repeated columns by letter, without repeating an unknown heading", () => {
    const checked = checkHeader([
      "Member Name",
      "service",
      "quantity",
      "valuePaise",
      "distributedOn",
      "funding",
      "phone",
      "",
      "phone",
    ]);
    expect(checked.ok).toBe(false);
    const problems = checked.ok ? [] : checked.problems;
    expect(problems).toEqual([
      "column A is not a submission column; delete it from the file sent",
      "column H has no heading; delete the column or name it",
      "column I repeats the column phone",
    ]);
    expect(problems.join()).not.toContain("Member Name");
  });

  it("name missing required columns and a missing identity column", () => {
    const checked = checkHeader(["service", "quantity"]);
    expect(checked.ok ? [] : checked.problems).toEqual([
      "the required column distributedOn is missing",
      "the required column funding is missing",
      "name exactly one value column: valueRupees (rupees, as Rs 1,500.50) or valuePaise (whole paise)",
      expect.stringMatching(/^at least one identity column is needed/),
    ]);
  });

  it("take a first row with no known heading for a file without header, quoting none of it", () => {
    const checked = checkHeader(["grocery_kit", "1", "234567890124"]);
    expect(checked.ok ? "" : checked.problems.join()).toMatch(/^the first row must be the header row/);
    expect(checked.ok ? "" : checked.problems.join()).not.toContain("234567890124");
  });
});
