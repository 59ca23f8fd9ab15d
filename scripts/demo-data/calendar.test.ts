import { describe, expect, it } from "vitest";
import { dateOf, dayOf, monthIndex, periodEnding } from "./calendar.js";

describe("calendar days", () => {
  it("turns dates into day numbers and back", () => {
    expect(dayOf("1970-01-02")).toBe(1);
    for (const date of ["2000-01-01", "2020-02-29", "2021-03-31"]) expect(dateOf(dayOf(date))).toBe(date);
    expect(() => dayOf("2021-02-30")).toThrow(RangeError);
    expect(() => dayOf("31/03/2021")).toThrow(RangeError);
  });

  it("spans whole calendar months ending with today's month", () => {
    const period = periodEnding("2021-03-17", 12);
    expect(dateOf(period.start)).toBe("2020-04-01");
    expect(dateOf(period.end)).toBe("2021-03-17");
    expect(period.monthStarts.map((d) => dateOf(d).slice(0, 7))).toHaveLength(12);
    expect(monthIndex(period, dayOf("2020-04-30"))).toBe(0);
    expect(monthIndex(period, dayOf("2020-05-01"))).toBe(1);
    expect(monthIndex(period, dayOf("2021-03-17"))).toBe(11);
  });
});
