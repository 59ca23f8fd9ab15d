import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CalendarDateSchema, isCalendarDate } from "./calendar-date.js";
import { FundingInputSchema, FundingSchema } from "./funding.js";
import { AmountPaiseSchema, MAX_FUND_PAISE, MAX_VALUE_PAISE, PaiseSchema } from "./money.js";
import { DONOR_KINDS, SERVICES } from "./services.js";
import { INDIAN_STATES, STATE_CODES, StateCodeSchema } from "./states.js";

describe("paise", () => {
  it("takes whole non-negative integers up to Rs 1 crore a distribution; fund amounts must be positive", () => {
    expect(PaiseSchema.safeParse(0).success).toBe(true);
    expect(PaiseSchema.safeParse(MAX_VALUE_PAISE).success).toBe(true);
    expect(AmountPaiseSchema.safeParse(1).success).toBe(true);
    expect(AmountPaiseSchema.safeParse(0).success).toBe(false);
    for (const bad of [-1, 1.5, MAX_VALUE_PAISE + 1, Number.MAX_SAFE_INTEGER, Number.NaN, "100", Infinity]) {
      expect(PaiseSchema.safeParse(bad).success).toBe(false);
    }
  });

  it("takes a fund of up to Rs 100 crore, and refuses more with the bound in the message", () => {
    expect(AmountPaiseSchema.safeParse(MAX_FUND_PAISE).success).toBe(true);
    expect(MAX_FUND_PAISE).toBe(100 * 1_00_00_000 * 100);
    expect(MAX_VALUE_PAISE).toBe(1_00_00_000 * 100);
    const refused = AmountPaiseSchema.safeParse(MAX_FUND_PAISE + 1);
    expect(refused.error?.issues[0]?.message).toBe("must be at most 100000000000 paise (Rs 100 crore)");
    expect(AmountPaiseSchema.safeParse(Number.MAX_SAFE_INTEGER).success).toBe(false);
  });
});

describe("calendar dates", () => {
  it.each(["2024-02-29", "2000-02-29", "2025-12-31", "2000-01-01"])("accepts %s", (date) => {
    expect(isCalendarDate(date)).toBe(true);
  });

  it.each([
    "2025-02-30",
    "2025-02-29",
    "1900-02-29",
    "2025-04-31",
    "2025-13-01",
    "2025-1-05",
    "2025-01-05T00:00:00Z",
    "05/01/2025",
  ])("rejects %s", (date) => {
    expect(isCalendarDate(date)).toBe(false);
  });

  it("accepts exactly the days that exist", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2200 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (y, m, d) => {
          const text = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
          const real = new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
          expect(CalendarDateSchema.safeParse(text).success).toBe(real);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("states", () => {
  it("lists the 28 states and 8 union territories once each", () => {
    expect(STATE_CODES).toHaveLength(36);
    expect(new Set(STATE_CODES).size).toBe(36);
    expect(INDIAN_STATES["IN-KA"]).toBe("Karnataka");
    for (const code of ["IN-AS", "IN-DL", "IN-LA", "IN-TS", "IN-CG", "IN-UK", "IN-OD", "IN-DH"]) {
      expect(StateCodeSchema.safeParse(code).success).toBe(true);
    }
  });

  it.each(["IN-CT", "IN-TG", "IN-UT", "IN-OR", "IN-DN", "in-ka", "KA", "IN-XX"])("rejects %s", (code) => {
    expect(StateCodeSchema.safeParse(code).success).toBe(false);
  });
});

describe("services and donor kinds", () => {
  // The lists as docs/rules.md states them, read from it so that the code and the rules cannot drift.
  const rules = readFileSync(new URL("../../../../docs/rules.md", import.meta.url), "utf8");
  const servicesInRules = /\*\*Services\*\*: ([^.]+)\./.exec(rules)![1]!.match(/[a-z_]+/g);
  const donorKindsInRules = /\| name, kind: ([a-z, ]+?) +\|/.exec(rules)![1]!.split(", ");

  it("are the eight of each in docs/rules.md", () => {
    expect(SERVICES).toHaveLength(8);
    expect(SERVICES).toContain("art_medicine");
    expect(SERVICES).toEqual(servicesInRules);
    expect(DONOR_KINDS).toHaveLength(8);
    expect(DONOR_KINDS).toContain("religious");
    expect(DONOR_KINDS).toEqual(donorKindsInRules);
  });
});

describe("funding", () => {
  it("is a fund, auto or a scheme", () => {
    expect(FundingSchema.safeParse({ kind: "fund", fundId: "018f3c1e-7b2a-7c3d-8e4f-0123456789ab" }).success).toBe(
      true,
    );
    expect(FundingSchema.safeParse({ kind: "auto" }).success).toBe(true);
    expect(FundingSchema.safeParse({ kind: "scheme", scheme: "Ujjwala" }).success).toBe(true);
  });

  it.each([
    { kind: "fund" },
    { kind: "auto", fundId: "018f3c1e-7b2a-7c3d-8e4f-0123456789ab" },
    { kind: "scheme", scheme: "" },
    { kind: "scheme", scheme: "x".repeat(65) },
    { kind: "donor" },
  ])("rejects %j", (funding) => {
    expect(FundingSchema.safeParse(funding).success).toBe(false);
  });

  it("trims a scheme name on input, and stores only trimmed names", () => {
    expect(FundingInputSchema.parse({ kind: "scheme", scheme: " PDS " })).toEqual({ kind: "scheme", scheme: "PDS" });
    expect(FundingSchema.safeParse({ kind: "scheme", scheme: " PDS " }).success).toBe(false);
  });
});
