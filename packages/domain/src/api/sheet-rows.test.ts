import { describe, expect, it } from "vitest";
import { verhoeffCheckDigit } from "../identifiers/verhoeff.js";
import { PROBLEMS } from "./problems.js";
import { checkSheetRows, sheetHeaderProblems, type SheetRow } from "./sheet-rows.js";

const AADHAAR = `23412341234${verhoeffCheckDigit("23412341234")}`;
const WRONG_CHECK_DIGIT = `${AADHAAR.slice(0, 11)}${(Number(AADHAAR[11]) + 1) % 10}`;
const FUND = "01939f2e-8b1a-7c3d-9e4f-00000000f0f0";
const OTHER_FUND = "01939f2e-8b1a-7c3d-9e4f-00000000f0f1";

const row = (n: number, cells: Record<string, string> = {}): SheetRow => ({
  row: n,
  cells: {
    distributionId: `01939f2e-8b1a-7c3d-9e4f-${n.toString(16).padStart(12, "0")}`,
    service: "Grocery kit",
    quantity: "1",
    valueRupees: "Rs 1,500.50",
    distributedOn: "10/04/2020",
    funding: "auto",
    aadhaar: AADHAAR,
    ...cells,
  },
});

const funds = {
  fund: (fundId: string) =>
    fundId === FUND
      ? { cboId: "sangama-blr", restrictedTo: ["grocery_kit" as const] }
      : fundId === OTHER_FUND
        ? { cboId: "other-cbo" }
        : undefined,
};
const options = { today: "2024-01-01", cboId: "sangama-blr", funds } as never;

describe("checkSheetRows", () => {
  it("reads what people type: rupees, DD/MM/YYYY and service names", () => {
    const { problems, distributions } = checkSheetRows([row(2)], options);
    expect(problems).toEqual([]);
    expect(distributions[0]).toMatchObject({
      valuePaise: 150_050,
      distributedOn: "10/04/2020",
      service: "Grocery kit",
    });
  });

  it("judges the date and fund of a row refused for another cell, so a second pass finds nothing new", () => {
    const { problems } = checkSheetRows(
      [row(2, { valueRupees: "fifteen hundred", distributedOn: "31/12/2099", funding: `fund:${OTHER_FUND}` })],
      options,
    );
    expect(problems.map(({ column, problem }) => [column, problem])).toEqual([
      ["valueRupees", "value.invalid"],
      ["distributedOn", "date.future"],
      ["funding", "funding.otherCbo"],
    ]);
  });

  it("lists every problem of every row in one pass, format and rule problems together, by row and column", () => {
    // Each row beside the problems it must raise, as "column problem", in the order they are listed.
    const cases: [SheetRow, string[]][] = [
      [row(2), []],
      [row(3, { aadhaar: WRONG_CHECK_DIGIT }), ["aadhaar aadhaar.checkDigit"]],
      [
        row(4, { valueRupees: "fifteen hundred", quantity: "0" }),
        ["quantity quantity.invalid", "valueRupees value.invalid"],
      ],
      [
        row(5, { distributedOn: "31/02/2020", service: "groceries" }),
        ["service service.unknown", "distributedOn date.invalid"],
      ],
      [row(6, { distributedOn: "02/01/2024" }), ["distributedOn date.future"]],
      [row(7, { funding: `fund:${OTHER_FUND}` }), ["funding funding.otherCbo"]],
      [row(8, { funding: `fund:${FUND}`, service: "cooked_food" }), ["funding funding.restricted"]],
      [
        row(9, { aadhaar: "", district: "ask 9845012345" }),
        ["aadhaar|phone|ration_card|voter_id|member_id identity.none", "district text.phone"],
      ],
      [
        { ...row(10), cells: { ...row(10).cells, distributionId: row(2).cells.distributionId! } },
        ["distributionId distributionId.repeated"],
      ],
      [row(11, { valueRupees: "2,00,00,000" }), ["valueRupees value.tooLarge"]],
    ];
    const { problems } = checkSheetRows(
      cases.map(([sheetRow]) => sheetRow),
      options,
    );
    expect(problems.map(({ row, column, problem }) => `${row} ${column} ${problem}`)).toEqual(
      cases.flatMap(([sheetRow, raised]) => raised.map((problem) => `${sheetRow.row} ${problem}`)),
    );
    for (const problem of problems) expect(problem.message).toBe(PROBLEMS[problem.problem]);
    expect(problems[0]!.message).toBe("the last digit does not match — check the number on the card");
  });

  it("never quotes a cell in a problem", () => {
    const { problems } = checkSheetRows([row(2, { aadhaar: WRONG_CHECK_DIGIT, district: "ask 9845012345" })], options);
    const text = JSON.stringify(problems);
    expect(text).not.toContain(WRONG_CHECK_DIGIT);
    expect(text).not.toContain("9845012345");
  });
});

describe("sheetHeaderProblems", () => {
  it("accepts a header with one value column and an identity column, distributionId optional", () => {
    expect(sheetHeaderProblems(["service", "quantity", "valueRupees", "distributedOn", "funding", "phone"])).toEqual(
      [],
    );
  });

  it("names unknown or repeated headings by letter and missing columns by name", () => {
    expect(
      sheetHeaderProblems(["Name of member", "service", "service", "valuePaise", "valueRupees", "funding", "phone"]),
    ).toEqual([
      { column: "A", problem: "header.unknown" },
      { column: "C", problem: "header.repeated" },
      { column: "quantity", problem: "header.missing" },
      { column: "distributedOn", problem: "header.missing" },
      { column: "valueRupees|valuePaise", problem: "header.value" },
    ]);
  });
});
