import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { csvRecords } from "./csv-rows.js";

const dir = mkdtempSync(join(tmpdir(), "ledger-csv-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};
const read = async (file: string) => {
  const rows: [number, string[]][] = [];
  for await (const { row, cells } of csvRecords(file)) rows.push([row, cells]);
  return rows;
};

describe("reading a CSV as a stream of spreadsheet rows", () => {
  it("numbers rows as a spreadsheet does: empty lines count, a quoted cell spanning lines is one row", async () => {
    const file = write("a.csv", '\uFEFFa,b\n1, 2 \n\n"x\ny",3\n4,5\n');
    expect(await read(file)).toEqual([
      [1, ["a", "b"]],
      [2, ["1", "2"]],
      [4, ["x\ny", "3"]],
      [5, ["4", "5"]],
    ]);
  });

  it("refuses bytes that are not UTF-8 by row, rather than sending them as U+FFFD", async () => {
    const file = join(dir, "latin1.csv");
    // A spreadsheet saved as Windows-1252: é in "Belégaum" is the lone byte 0xE9, far into the file.
    const rows = Array.from({ length: 3000 }, (_, i) => `${i},Mysuru`).join("\n");
    writeFileSync(
      file,
      Buffer.concat([Buffer.from(`a,b\n${rows}\n9,Bel`), Buffer.from([0xe9]), Buffer.from("gaum\n")]),
    );
    const error = await read(file).catch((e: Error) => e);
    expect(String(error)).toMatch(/row 3002 holds bytes that are not UTF-8/);
    expect(String(error)).not.toContain("gaum");
  });

  it("reports a malformed row by row and column, never by its content", async () => {
    const file = write("b.csv", 'a,b\n1,2\n3,SECRET"4"\n');
    const error = await read(file).catch((e: Error) => e);
    expect(String(error)).toMatch(/row 3, column B cannot be read as CSV \(INVALID_OPENING_QUOTE\)/);
    expect(String(error)).not.toContain("SECRET");
  });

  it("reports a row with more cells than the header without quoting it", async () => {
    const file = write("c.csv", "a,b\n1,2\n\n3,4,SECRET\n");
    const error = await read(file).catch((e: Error) => e);
    expect(String(error)).toMatch(/row 4.* has a different number of cells than the header/);
    expect(String(error)).not.toContain("SECRET");
  });

  it("reports a file it cannot open by its error code", async () => {
    await expect(read(join(dir, "absent.csv"))).rejects.toThrow(/cannot read .*absent\.csv \(ENOENT\)/);
  });
});
