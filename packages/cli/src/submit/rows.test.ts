import { describe, expect, it } from "vitest";
import { describeDetail, fileRow, inFileRows, redactor } from "./rows.js";

// The second chunk of 1,000: rows 1,002–2,001 of the file, none blank.
const second = Array.from({ length: 1000 }, (_, i) => 1002 + i);

describe("translating the server's rows into the file's", () => {
  it("maps a row of the posted chunk (header = 1) to chunk offset + row − 1", () => {
    expect(fileRow(2, second)).toBe(1002);
    expect(fileRow(203, second)).toBe(1203);
    expect(fileRow(1001, second)).toBe(2001);
    expect(fileRow(1, second)).toBe("header");
    expect(fileRow(1002, second)).toBeUndefined();
  });

  it("skips the blank rows a chunk did not send", () => {
    expect(fileRow(3, [10, 12, 13])).toBe(12);
  });

  it("describes a detail by the file's row and a known column", () => {
    expect(describeDetail({ row: 203, column: "aadhaar", message: "check digit does not match" }, second)).toBe(
      "row 1,203, column aadhaar: check digit does not match",
    );
    expect(describeDetail({ column: "aadhaar|phone", message: "at least one" }, second)).toBe(
      "column aadhaar|phone: at least one",
    );
    expect(describeDetail({ column: "cboId", message: "is not a registered CBO" }, second)).toBe(
      "column cboId: is not a registered CBO",
    );
    expect(describeDetail({ path: "querystring.submissionId", message: "must be a UUID" }, second)).toBe(
      "querystring.submissionId: must be a UUID",
    );
  });

  it("names records the server calls distributions.<i> by the file's row", () => {
    expect(inFileRows("repeats the distributionId of distributions.0", second)).toBe(
      "repeats the distributionId of row 1,002",
    );
    expect(describeDetail({ row: 5, column: "distributionId", message: "repeats distributions.2" }, second)).toBe(
      "row 1,005, column distributionId: repeats row 1,004",
    );
  });

  it("never repeats a column heading it does not know, which could be a cell of a file without header", () => {
    expect(describeDetail({ row: 1, column: "234567890124", message: "is not a submission column" }, second)).toBe(
      "header row, a column the CLI does not know: is not a submission column",
    );
  });

  it("hides identity values a server message might echo, raw or as digits", () => {
    const redact = redactor(["2345 6789 0124", "+91 98765 43210", "ab-12"]);
    expect(redact("bad value 2345 6789 0124 and 234567890124 and 919876543210 near ab-12")).toBe(
      "bad value [hidden] and [hidden] and [hidden] near ab-12",
    );
  });
});
