import { describe, expect, it } from "vitest";
import { dayNumber, findExcess, type Dated } from "./excess.js";

const on = (distributedOn: string, distributionId = distributedOn, cboId = "sangama-blr"): Dated => ({
  distributionId,
  distributedOn,
  cboId,
});
/** Each excess as [its id, the ids before it in its window], the window read back from its reference. */
const flagged = (rows: Dated[], windowDays: number, maxPerWindow = 1) =>
  findExcess(rows, { windowDays, maxPerWindow }).map(({ distribution, windowOpensOn, earlierCount }) => {
    const earlier = rows.filter(
      (d) => d.distributedOn >= windowOpensOn && d.distributionId < distribution.distributionId,
    );
    expect(earlier).toHaveLength(earlierCount);
    return [distribution.distributionId, earlier.map((d) => d.distributionId)];
  });

describe("findExcess", () => {
  it("counts days in the calendar, leap days included", () => {
    expect(dayNumber("2020-03-01") - dayNumber("2020-02-28")).toBe(2);
    expect(dayNumber("2021-03-01") - dayNumber("2021-02-28")).toBe(1);
    expect(dayNumber("2020-05-01") - dayNumber("2020-04-01")).toBe(30);
  });

  it("opens a 30-day window the day after the date 30 days back", () => {
    expect(flagged([on("2020-04-01"), on("2020-05-01")], 30)).toEqual([]);
    expect(flagged([on("2020-04-01"), on("2020-04-30")], 30)).toEqual([["2020-04-30", ["2020-04-01"]]]);
  });

  it("flags the later id of two on one day, and only what exceeds maxPerWindow", () => {
    expect(flagged([on("2020-04-01", "a"), on("2020-04-01", "b")], 1)).toEqual([["b", ["a"]]]);
    const three = [on("2020-04-01"), on("2020-04-10"), on("2020-04-20")];
    expect(flagged(three, 30, 2)).toEqual([["2020-04-20", ["2020-04-01", "2020-04-10"]]]);
    expect(flagged(three, 30, 3)).toEqual([]);
  });

  it("names each window by the day it opens and the CBOs in it", () => {
    const rows = [on("2020-01-01", "a", "x"), on("2020-01-21", "b", "y"), on("2020-02-10", "c", "x")];
    expect(findExcess(rows, { windowDays: 30, maxPerWindow: 1 })).toEqual([
      { distribution: rows[1], windowOpensOn: "2019-12-23", earlierCount: 1, cboIds: ["x", "y"] },
      { distribution: rows[2], windowOpensOn: "2020-01-12", earlierCount: 1, cboIds: ["x", "y"] },
    ]);
  });

  it("keeps k records on one day in space linear in k: a count per flag, not a list", () => {
    const rows = Array.from({ length: 5000 }, (_, i) => on("2020-04-01", `d${String(i).padStart(5, "0")}`));
    const excess = findExcess(rows, { windowDays: 30, maxPerWindow: 1 });
    expect(excess).toHaveLength(4999);
    expect(excess.at(-1)).toMatchObject({ earlierCount: 4999, windowOpensOn: "2020-03-03", cboIds: ["sangama-blr"] });
    expect(JSON.stringify(excess).length).toBeLessThan(5000 * 200);
  });

  it("slides the window: each excess names only the earlier distributions inside its own window", () => {
    const rows = [on("2020-01-01"), on("2020-01-21"), on("2020-02-10"), on("2020-04-01")];
    expect(flagged(rows, 30)).toEqual([
      ["2020-01-21", ["2020-01-01"]],
      ["2020-02-10", ["2020-01-21"]],
    ]);
  });
});
