import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadState, parseState, saveState, stateFileOf, type SubmitState } from "./state.js";

const dir = mkdtempSync(join(tmpdir(), "ledger-state-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const valid: SubmitState = {
  version: 1,
  cboId: "ashodaya-samithi",
  chunkSize: 1000,
  rowCount: 2,
  distributionIds: { 2: "0190f5a2-0000-7000-8000-000000000002", 3: "0190f5a2-0000-7000-8000-000000000003" },
  chunks: [{ firstRow: 2, lastRow: 3, submissionId: "0190f5a2-0000-7000-8000-0000000000aa", status: "done", count: 2 }],
};

describe("the state file", () => {
  it("sits beside the CSV", () => {
    expect(stateFileOf("/data/may.csv")).toBe("/data/may.csv.ledger-state.json");
  });

  it("is saved owner-only and read back as saved", () => {
    const file = join(dir, "a.json");
    saveState(file, valid);
    expect(loadState(file)).toEqual(valid);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("is absent before the first run", () => {
    expect(loadState(join(dir, "absent.json"))).toBeUndefined();
  });

  it("is refused when damaged, with the advice to restore rather than delete it", () => {
    const file = join(dir, "b.json");
    writeFileSync(file, readFileSync(join(dir, "a.json"), "utf8").slice(0, 40));
    expect(() => loadState(file)).toThrow(/is damaged .* Restore it rather than delete it/);
  });

  it.each([
    ["a wrong version", { ...valid, version: 2 }, /version 1/],
    ["a bad cboId", { ...valid, cboId: "Ashodaya Samithi" }, /cboId/],
    ["a zero chunk size", { ...valid, chunkSize: 0 }, /chunkSize/],
    ["an id that is not a UUID", { ...valid, distributionIds: { 2: "234567890124" } }, /UUIDs/],
    ["a chunk ending before it starts", { ...valid, chunks: [{ ...valid.chunks[0]!, lastRow: 1 }] }, /bad rows/],
    ["an unknown status", { ...valid, chunks: [{ ...valid.chunks[0]!, status: "maybe" }] }, /unknown status/],
  ])("refuses %s", (_, json, problem) => {
    expect(parseState(json)).toMatch(problem);
  });
});
