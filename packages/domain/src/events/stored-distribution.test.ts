import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EXAMPLE_DATA } from "../testing/events.testkit.js";
import { DistributionRecordedSchema } from "./distributions.js";
import { parseLedgerEvent, parseStoredLedgerEvent } from "./catalogue.js";
import { storedDistribution } from "./stored-distribution.js";

const example = EXAMPLE_DATA.DistributionRecorded;
const PSEUDONYM = example.beneficiaries[0]!.pseudonym;
const MISSING = Symbol("missing");

// For each field, values the schema takes and values it refuses (and MISSING: no such key).
const VARIANTS: Record<string, unknown[]> = {
  distributionId: [example.distributionId, "0190e5a4-0000-7000-8000-00000000000A", "not-a-uuid", 7, MISSING],
  submissionId: [example.submissionId, "00000000-0000-0000-0000-000000000000", null],
  cboId: [example.cboId, "Sangama", "ab", "x".repeat(65), MISSING],
  service: [example.service, "art_medicine", "haircut", ["grocery_kit"]],
  beneficiaries: [
    example.beneficiaries,
    [...example.beneficiaries, { type: "phone", pseudonym: "b".repeat(64), keyId: "pk-2020" }],
    [...example.beneficiaries, ...example.beneficiaries], // a pseudonym twice
    [],
    Array.from({ length: 6 }, (_, k) => ({ type: "phone", pseudonym: String(k).repeat(64), keyId: "k" })),
    [{ type: "passport", pseudonym: PSEUDONYM, keyId: "pk" }],
    [{ type: "aadhaar", pseudonym: PSEUDONYM.toUpperCase(), keyId: "pk" }],
    [{ type: "aadhaar", pseudonym: PSEUDONYM, keyId: "-pk" }],
    [{ type: "aadhaar", pseudonym: PSEUDONYM, keyId: "pk", value: "234123412346" }],
    [{ type: "aadhaar", pseudonym: PSEUDONYM }],
    // eslint-disable-next-line no-sparse-arrays
    [, { type: "aadhaar", pseudonym: PSEUDONYM, keyId: "pk" }],
    "not a list",
  ],
  quantity: [1, 12, 0, 1.5, 2 ** 53, "1", MISSING],
  valuePaise: [0, 120_000, 1_00_00_000_00, 1_00_00_000_01, -1, 0.5, Number.NaN],
  funding: [
    example.funding,
    { kind: "auto" },
    { kind: "scheme", scheme: "PDS" },
    { kind: "scheme", scheme: " PDS" },
    { kind: "scheme", scheme: "" },
    { kind: "auto", fundId: example.funding.kind === "fund" ? example.funding.fundId : "" },
    { kind: "fund" },
    { kind: "grant" },
    null,
  ],
  distributedOn: [example.distributedOn, "2024-02-29", "2025-02-29", "2020-4-10", "10/04/2020"],
  district: [example.district, MISSING, "Bengaluru Rural ", "", "a\u0007b", undefined, 3],
  memberName: [MISSING, MISSING, MISSING, "anything"],
};
const FIELDS = Object.keys(VARIANTS);

const dataArb = fc
  .tuple(
    // Mostly the valid first variant, so that whole valid records come up as well as broken ones.
    ...FIELDS.map((field) =>
      fc.oneof(
        { arbitrary: fc.constant(VARIANTS[field]![0]), weight: 6 },
        { arbitrary: fc.constantFrom(...VARIANTS[field]!), weight: 1 },
      ),
    ),
  )
  .map((values) => {
    const data: Record<string, unknown> = {};
    values.forEach((value, k) => {
      if (value !== MISSING) data[FIELDS[k]!] = value;
    });
    return data;
  });

describe("storedDistribution, the cheap test of a stored distribution", () => {
  it("never takes what the schema refuses, and what it takes the schema leaves unchanged", () => {
    let taken = 0;
    fc.assert(
      fc.property(dataArb, (data) => {
        const cheap = storedDistribution(data);
        const parsed = DistributionRecordedSchema.safeParse(data);
        if (cheap === undefined) return;
        taken++;
        expect(parsed.success).toBe(true);
        expect(cheap).toBe(data);
        expect(parsed.data).toEqual(data);
      }),
      { numRuns: 3_000 },
    );
    // The property would hold of a test that took nothing: it must take some.
    expect(taken).toBeGreaterThan(0);
  });

  it("takes the ledger's own example, which the schema takes", () => {
    expect(storedDistribution(structuredClone(example))).toBeDefined();
    expect(storedDistribution({ ...example, district: undefined })).toBeUndefined();
  });

  it("parseStoredLedgerEvent gives parseLedgerEvent's verdict and value for any data", () => {
    fc.assert(
      fc.property(dataArb, (data) => {
        const stored = parseStoredLedgerEvent("DistributionRecorded", data);
        const full = parseLedgerEvent("DistributionRecorded", data);
        expect(stored.ok).toBe(full.ok);
        if (stored.ok && full.ok) expect(stored.value).toEqual(full.value);
        if (!stored.ok && !full.ok) expect(stored.errors).toEqual(full.errors);
      }),
      { numRuns: 1_000 },
    );
  });
});
