import { describe, expect, it } from "vitest";
import { planChunks, type Plan } from "./plan.js";
import type { ChunkState, SubmitState } from "./state.js";

const CBO = "ashodaya-samithi";
const sid = (n: number) => `0190f5a2-0000-7000-8000-${String(n).padStart(12, "0")}`;
const chunk = (firstRow: number, lastRow: number, n: number, status?: ChunkState["status"]): ChunkState => ({
  firstRow,
  lastRow,
  submissionId: sid(n),
  ...(status && { status }),
});
const state = (chunks: ChunkState[], overrides: Partial<SubmitState> = {}): SubmitState => ({
  version: 1,
  cboId: CBO,
  chunkSize: 1000,
  rowCount: 2500,
  distributionIds: {},
  chunks,
  ...overrides,
});
const file = { rowCount: 2500, hasIdColumn: false };
const options = { cboId: CBO, verify: false };

function planned(plan: Plan) {
  if (!plan.ok) throw new Error(plan.problem);
  return plan;
}
function problem(plan: Plan): string {
  if (plan.ok) throw new Error("expected a mismatch");
  return plan.problem;
}
const ranges = (plan: Plan) => planned(plan).work.map((w) => [w.firstRow, w.lastRow, w.skip]);

describe("planning chunks", () => {
  it("cuts a new file into chunks of spreadsheet rows: header is row 1, so 2,500 rows are rows 2–2,501", () => {
    expect(ranges(planChunks(undefined, file, options))).toEqual([
      [2, 1001, false],
      [1002, 2001, false],
      [2002, 2501, false],
    ]);
    expect(ranges(planChunks(undefined, { ...file, rowCount: 5 }, { ...options, chunkSize: 2 }))).toEqual([
      [2, 3, false],
      [4, 5, false],
      [6, 6, false],
    ]);
  });

  it("gives each new chunk its own UUID v7 submissionId", () => {
    const ids = planned(planChunks(undefined, file, options)).work.map((w) => w.submissionId);
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("skips done chunks, resends chunks in doubt with the same submissionId, and keeps a refused chunk's id for the same rows", () => {
    const previous = state([chunk(2, 1001, 1, "done"), chunk(1002, 2001, 2), chunk(2002, 2501, 3, "refused")]);
    const plan = planned(planChunks(previous, file, options));
    expect(plan.work.map((w) => [w.firstRow, w.submissionId, w.skip])).toEqual([
      [2, sid(1), true],
      [1002, sid(2), false],
      [2002, sid(3), false],
    ]);
    // The refused chunk stored nothing: it leaves the state until it is sent again.
    expect(plan.state.chunks.map((c) => c.firstRow)).toEqual([2, 1002]);
  });

  it("re-sends done chunks under --verify", () => {
    const previous = state([chunk(2, 1001, 1, "done")]);
    expect(ranges(planChunks(previous, file, { ...options, verify: true }))[0]).toEqual([2, 1001, false]);
  });

  it("keeps the chunk size the file was started with when --chunk is left out", () => {
    const previous = state([chunk(2, 501, 1, "done")], { chunkSize: 500 });
    expect(planned(planChunks(previous, file, options)).work).toHaveLength(5);
  });

  it("refuses a different --chunk once a chunk may be recorded, and accepts it when none is", () => {
    const previous = state([chunk(2, 1001, 1, "done")]);
    expect(problem(planChunks(previous, file, { ...options, chunkSize: 500 }))).toMatch(/started with --chunk 1000/);
    const refusedOnly = state([chunk(2, 1001, 1, "refused")]);
    expect(planned(planChunks(refusedOnly, file, { ...options, chunkSize: 500 })).work).toHaveLength(5);
  });

  it("refuses a changed row count, explaining why, unless --verify lets the ledger check the recorded chunks", () => {
    const previous = state([chunk(2, 1001, 1, "done")]);
    const grown = { ...file, rowCount: 2600 };
    expect(problem(planChunks(previous, grown, options))).toMatch(/had 2,500 rows .* now has 2,600.*--verify/);
    expect(ranges(planChunks(previous, grown, { ...options, verify: true })).at(-1)).toEqual([2002, 2601, false]);
    expect(problem(planChunks(previous, { ...file, rowCount: 900 }, { ...options, verify: true }))).toMatch(
      /ends at row 901, but rows 2–1,001 were sent/,
    );
  });

  it("ignores a changed row count when nothing may be recorded yet", () => {
    const previous = state([chunk(2, 1001, 1, "refused")]);
    expect(ranges(planChunks(previous, { ...file, rowCount: 10 }, options))).toEqual([[2, 11, false]]);
  });

  it("refuses a state made for another CBO or a file that gained or lost its distributionId column", () => {
    const previous = state([chunk(2, 1001, 1, "done")]);
    expect(problem(planChunks(previous, file, { ...options, cboId: "vamp-sangli" }))).toMatch(
      /sent for ashodaya-samithi, not vamp-sangli/,
    );
    expect(problem(planChunks(previous, { ...file, hasIdColumn: true }, options))).toMatch(
      /gained its distributionId column/,
    );
    const withIds = state([chunk(2, 1001, 1, "done")], { distributionIds: undefined });
    expect(problem(planChunks(withIds, file, options))).toMatch(/lost its distributionId column/);
  });

  it("fills gaps around recorded chunks and refuses overlapping ones", () => {
    const gap = state([chunk(2, 1001, 1, "done"), chunk(2002, 2501, 3, "done")]);
    expect(ranges(planChunks(gap, file, options))).toEqual([
      [2, 1001, true],
      [1002, 2001, false],
      [2002, 2501, true],
    ]);
    const overlap = state([chunk(2, 1001, 1, "done"), chunk(1001, 2000, 2, "done")]);
    expect(problem(planChunks(overlap, file, options))).toMatch(/overlap/);
  });
});
