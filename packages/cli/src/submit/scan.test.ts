import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { scanFile } from "./scan.js";
import type { SubmitState } from "./state.js";

const dir = mkdtempSync(join(tmpdir(), "ledger-scan-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = "service,quantity,valuePaise,distributedOn,funding,aadhaar";
const ROW = "grocery_kit,1,150000,2026-10-01,auto,234567890124";
const write = (name: string, lines: string[]) => {
  const file = join(dir, name);
  writeFileSync(file, lines.join("\n") + "\n");
  return file;
};
const asState = (ids: Record<string, string> | undefined, chunks: SubmitState["chunks"] = []): SubmitState => ({
  version: 1,
  cboId: "ashodaya-samithi",
  chunkSize: 1000,
  rowCount: 3,
  ...(ids && { distributionIds: ids }),
  chunks,
});

describe("the first pass and its distributionIds", () => {
  it("gives every row a random UUID v7, even two identical rows, and counts rows as a spreadsheet does", async () => {
    const scan = await scanFile(write("a.csv", [HEADER, ROW, ROW, ",,,,,", ROW]), undefined);
    expect(scan.rowCount).toBe(4);
    expect(scan.filledRows).toBe(3);
    const ids = scan.distributionIds!;
    expect(Object.keys(ids)).toEqual(["2", "3", "5"]);
    expect(new Set(Object.values(ids)).size).toBe(3);
    for (const id of Object.values(ids)) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
  });

  it("keeps each row's id across runs, whatever the row now holds, and gives rows added later new ones", async () => {
    const first = await scanFile(write("b.csv", [HEADER, ROW, ROW]), undefined);
    const edited = ROW.replace("150000", "99");
    const second = await scanFile(write("b.csv", [HEADER, edited, ROW, ROW]), asState(first.distributionIds));
    expect(second.distributionIds!["2"]).toBe(first.distributionIds!["2"]);
    expect(second.distributionIds!["3"]).toBe(first.distributionIds!["3"]);
    expect(Object.values(first.distributionIds!)).not.toContain(second.distributionIds!["4"]);
  });

  it("drops the id of a row blanked before it was sent, but keeps those of chunks that may be recorded", async () => {
    const first = await scanFile(write("c.csv", [HEADER, ROW, ROW, ROW]), undefined);
    const blanked = [HEADER, ",,,,,", ROW, ",,,,,"];
    const sent = {
      firstRow: 2,
      lastRow: 2,
      submissionId: "0190f5a2-0000-7000-8000-000000000001",
      status: "done" as const,
    };
    const second = await scanFile(write("c.csv", blanked), asState(first.distributionIds, [sent]));
    expect(second.distributionIds).toEqual({ 2: first.distributionIds!["2"], 3: first.distributionIds!["3"] });
  });

  it("assigns no ids when the file has its own distributionId column", async () => {
    const file = write("d.csv", [`distributionId,${HEADER}`, `0190f5a2-0000-7000-8000-000000000009,${ROW}`]);
    const scan = await scanFile(file, undefined);
    expect(scan.header.hasIdColumn).toBe(true);
    expect(scan.distributionIds).toBeUndefined();
  });

  it("refuses a bad header, an empty file and a file with no rows before anything is sent", async () => {
    await expect(
      scanFile(write("e.csv", ["Name,service,aadhaar", "Lakshmi,grocery_kit,1"]), undefined),
    ).rejects.toThrow(/column A is not a submission column/);
    await expect(scanFile(write("f.csv", []), undefined)).rejects.toThrow(/is empty/);
    await expect(scanFile(write("g.csv", [HEADER]), undefined)).rejects.toThrow(/no rows/);
  });
});
