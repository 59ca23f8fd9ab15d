import {
  DONOR_KINDS,
  RecordFundsInputSchema,
  RegisterCboInputSchema,
  RegisterDonorInputSchema,
  SubmissionInputSchema,
  normalizeIdentifier,
} from "@relief-ledger/domain";
import { beforeAll, describe, expect, it } from "vitest";
import { dayOf } from "./calendar.js";
import { digestCoalition } from "./digest.js";
import { cboCountFor, generateCoalition, memberCountFor } from "./generate.js";
import { excessDistributions, type SubmittedDistribution } from "./reference-flags.testkit.js";
import { submissionsOf } from "./submissions.js";
import type { Batch, Coalition } from "./types.js";

function collect(coalition: Coalition) {
  const batches: Batch[] = [...submissionsOf(coalition)];
  const distributions: SubmittedDistribution[] = batches.flatMap((b) =>
    b.submission.distributions.map((d) => ({ ...d, cboId: b.submission.cboId })),
  );
  return { batches, distributions };
}

let coalition: Coalition;
let batches: Batch[];
let distributions: SubmittedDistribution[];
beforeAll(() => {
  coalition = generateCoalition({ seed: 1, scale: 0.02 });
  ({ batches, distributions } = collect(coalition));
});

describe("generateCoalition", () => {
  it("is deterministic: the same seed gives the same bytes, another seed or date other bytes", () => {
    const small = { seed: 5, scale: 0.002 };
    const digest = digestCoalition(generateCoalition(small));
    expect(digestCoalition(generateCoalition(small))).toBe(digest);
    expect(digestCoalition(generateCoalition({ ...small, seed: 6 }))).not.toBe(digest);
    expect(digestCoalition(generateCoalition({ ...small, today: "2021-04-30" }))).not.toBe(digest);
  });

  it("scales members and distributions with `scale`, and CBOs more gently", () => {
    expect([cboCountFor(1), memberCountFor(1)]).toEqual([107, 120_000]);
    expect([cboCountFor(0.02), memberCountFor(0.02)]).toEqual([15, 2_400]);
    expect([cboCountFor(0.0001), memberCountFor(0.0001)]).toEqual([3, 50]);
    expect(coalition.cbos).toHaveLength(15);
    expect(coalition.members).toHaveLength(2_400);
    // About eight distributions per member in the year, as in the founding coalition.
    expect(coalition.expected.distributions / coalition.members.length).toBeGreaterThan(7);
    expect(coalition.expected.distributions / coalition.members.length).toBeLessThan(9.5);
    expect(() => generateCoalition({ scale: 0 })).toThrow(RangeError);
    expect(() => generateCoalition({ today: "1999-06-30" })).toThrow(RangeError);
  });

  it("yields exactly the submissions, distributions and voids it describes", () => {
    expect(batches.map((b) => b.plan)).toEqual(coalition.submissions);
    expect(batches.map((b) => b.submission.submissionId)).toEqual(coalition.submissions.map((s) => s.submissionId));
    expect(distributions).toHaveLength(coalition.expected.distributions);
    const ids = new Set(distributions.map((d) => d.distributionId));
    expect(ids.size).toBe(distributions.length);
    expect(new Set(coalition.submissions.map((s) => s.submissionId)).size).toBe(coalition.submissions.length);
    const cboOf = new Map(coalition.cbos.map((c) => [c.registration.cboId, c]));
    for (const { plan, submission } of batches) {
      expect(submission.distributions.length).toBe(plan.size);
      expect(plan.size).toBeLessThanOrEqual(Math.min(1_000, cboOf.get(plan.cboId)!.batchSize));
    }
    const streamedVoids = batches.flatMap((b) => b.voids);
    expect(streamedVoids).toHaveLength(coalition.expected.voids);
    expect(new Set(streamedVoids.map((v) => v.distributionId))).toEqual(
      new Set(coalition.voids.map((v) => v.distributionId)),
    );
    // A void goes with the submission that recorded its distribution, and names the same CBO.
    for (const { submission, voids } of batches) {
      const own = new Set(submission.distributions.map((d) => d.distributionId));
      for (const v of voids) expect([own.has(v.distributionId), v.cboId]).toEqual([true, submission.cboId]);
    }
    for (const planted of coalition.plantedDuplicates) {
      expect(ids.has(planted.distributionId) && ids.has(planted.originalId)).toBe(true);
    }
  });

  it("writes every submission so the ledger's own schema accepts it", () => {
    for (const { submission } of batches) {
      const parsed = SubmissionInputSchema.safeParse(submission);
      expect(parsed.error?.issues).toBeUndefined();
    }
  });

  it("dates every distribution within the period: never after today, never before 2000", () => {
    for (const d of distributions) {
      expect(d.distributedOn >= coalition.period.from && d.distributedOn <= coalition.today).toBe(true);
    }
    expect(coalition.period).toEqual({ from: "2020-04-01", to: "2021-03-31" });
    const lateToday = generateCoalition({ seed: 2, scale: 0.002, today: "2000-12-15" });
    for (const { submission } of submissionsOf(lateToday)) {
      for (const d of submission.distributions) expect(d.distributedOn >= "2000-01-01").toBe(true);
      for (const d of submission.distributions) expect(d.distributedOn <= "2000-12-15").toBe(true);
    }
  });

  it("registers donors of every kind, and funds only between registered donors and CBOs", () => {
    expect(new Set(coalition.donors.map((d) => d.kind))).toEqual(new Set(DONOR_KINDS));
    for (const c of coalition.cbos) expect(RegisterCboInputSchema.safeParse(c.registration).success).toBe(true);
    for (const d of coalition.donors) expect(RegisterDonorInputSchema.safeParse(d).success).toBe(true);
    const cboIds = new Set(coalition.cbos.map((c) => c.registration.cboId));
    const donorIds = new Set(coalition.donors.map((d) => d.donorId));
    expect(cboIds.size).toBe(coalition.cbos.length);
    expect(donorIds.size).toBe(coalition.donors.length);
    for (const f of coalition.funds) {
      expect(RecordFundsInputSchema.safeParse(f).success).toBe(true);
      expect(cboIds.has(f.cboId) && donorIds.has(f.donorId)).toBe(true);
      expect(f.receivedOn <= coalition.today).toBe(true);
    }
    expect(coalition.funds.some((f) => f.restrictedTo)).toBe(true);
    expect(coalition.funds.some((f) => !f.restrictedTo)).toBe(true);
  });

  it("names a fund only where the ledger allows it: the CBO's own, and open to the service", () => {
    const funds = new Map(coalition.funds.map((f) => [f.fundId, f]));
    let named = 0;
    for (const d of distributions) {
      if (d.funding.kind !== "fund") continue;
      named++;
      const fund = funds.get(d.funding.fundId)!;
      expect(fund.cboId).toBe(d.cboId);
      if (fund.restrictedTo) expect(fund.restrictedTo).toContain(d.service);
    }
    expect(named).toBeGreaterThan(distributions.length / 10);
  });

  it("mixes funding: donors' funds, auto, and schemes for gas, cash and some grocery", () => {
    const schemes = (service: string) =>
      new Set(
        distributions.flatMap((d) => (d.service === service && d.funding.kind === "scheme" ? [d.funding.scheme] : [])),
      );
    expect(schemes("gas_cylinder")).toEqual(new Set(["PMUY (Ujjwala)"]));
    expect(schemes("grocery_kit")).toEqual(new Set(["PDS"]));
    expect([...schemes("cash_benefit")].every((s) => s.endsWith("COVID cash relief"))).toBe(true);
    expect(schemes("cash_benefit").size).toBeGreaterThan(1);
    const kinds = new Set(distributions.map((d) => d.funding.kind));
    expect(kinds).toEqual(new Set(["fund", "auto", "scheme"]));
    expect(distributions.every((d) => Number.isInteger(d.valuePaise) && d.valuePaise >= 0)).toBe(true);
    const average = coalition.expected.valuePaise / distributions.length / 100;
    expect(average).toBeGreaterThan(400);
    expect(average).toBeLessThan(1_200);
  });

  it("names members by realistic mixes of documents", () => {
    const mix = (types: string[]) =>
      distributions.filter((d) => d.beneficiaryRefs.map((r) => r.type).join("+") === types.join("+")).length /
      distributions.length;
    expect(mix(["aadhaar", "phone"])).toBeGreaterThan(0.1);
    expect(mix(["phone"])).toBeGreaterThan(0.08);
    expect(mix(["member_id"])).toBeGreaterThan(0.08);
    expect(mix(["voter_id"])).toBeGreaterThan(0.01);
    expect(mix(["ration_card", "member_id"])).toBeGreaterThan(0.02);
    const phoneForms = new Set(
      distributions.flatMap((d) =>
        d.beneficiaryRefs.filter((r) => r.type === "phone").map((r) => r.value.replace(/\d/g, "9")),
      ),
    );
    expect(phoneForms.size).toBeGreaterThanOrEqual(6);
  });

  it("serves some members at two CBOs, recognisable at both by the same Aadhaar or phone", () => {
    const dual = coalition.members.filter((m) => m.records.length > 1);
    expect(dual.length).toBe(coalition.expected.dualMembers);
    expect(dual.length).toBeGreaterThan(30);
    const cboIds = new Set(coalition.cbos.map((c) => c.registration.cboId));
    for (const member of dual) {
      const [home, second] = member.records;
      expect(home!.cboId).not.toBe(second!.cboId);
      expect(cboIds.has(home!.cboId) && cboIds.has(second!.cboId)).toBe(true);
      const shared = second!.documents.filter((t) => t !== "member_id");
      expect(shared.length).toBeGreaterThan(0);
      for (const type of shared) expect(home!.documents).toContain(type);
    }
    // In the submitted rows: which CBOs name each Aadhaar and phone.
    const cbosNaming = new Map<string, Set<string>>();
    for (const d of distributions) {
      for (const ref of d.beneficiaryRefs) {
        if (ref.type !== "aadhaar" && ref.type !== "phone") continue;
        const result = normalizeIdentifier(ref.type, ref.value);
        const key = `${ref.type}:${result.ok ? result.normalized : "?"}`;
        cbosNaming.set(key, (cbosNaming.get(key) ?? new Set()).add(d.cboId));
      }
    }
    const dualKeys = new Set(
      dual.flatMap((m) => Object.entries(m.documents).map(([type, value]) => `${type}:${value}`)),
    );
    const atTwo = [...cbosNaming].filter(([, cbos]) => cbos.size > 1).map(([key]) => key);
    expect(atTwo.length).toBeGreaterThan(dual.length / 2);
    // No document is shared by accident: only dual members' documents appear at two CBOs.
    for (const key of atTwo) expect(dualKeys.has(key)).toBe(true);
  });

  it("uploads late batches dated weeks before the batches around them", () => {
    expect(coalition.expected.lateSubmissions).toBeGreaterThan(0);
    const meanDay = (b: Batch) =>
      b.submission.distributions.reduce((sum, d) => sum + dayOf(d.distributedOn), 0) /
      b.submission.distributions.length;
    for (const late of batches.filter((b) => b.plan.group === "late")) {
      const neighbours = batches.filter((b) => b.plan.round === late.plan.round && b.plan.group === "on_time");
      const neighbourMean = neighbours.reduce((sum, b) => sum + meanDay(b), 0) / neighbours.length;
      expect(neighbourMean - meanDay(late)).toBeGreaterThan(14);
    }
  });

  it("plants duplicates that are exactly the distributions the default dedup policy flags", () => {
    const voided = new Set(coalition.voids.map((v) => v.distributionId));
    const flagged = excessDistributions(distributions, voided);
    expect(flagged).toEqual(new Set(coalition.plantedDuplicates.map((p) => p.distributionId)));
    const kinds = new Set(coalition.plantedDuplicates.map((p) => p.kind));
    expect(kinds).toEqual(new Set(["cross_cbo", "same_cbo"]));
    for (const p of coalition.plantedDuplicates) {
      expect(p.kind === "cross_cbo").toBe(p.cboId !== p.originalCboId);
      expect(p.distributedOn > p.originalDistributedOn).toBe(true);
    }
  });

  it("plants its rates within tolerance", () => {
    for (const seed of [1, 2]) {
      const c = seed === 1 ? coalition : generateCoalition({ seed, scale: 0.02 });
      const { expected, stats, rates } = c;
      const near = (measured: number, rate: number, tolerance: number) => {
        expect(measured).toBeGreaterThan(rate * (1 - tolerance));
        expect(measured).toBeLessThan(rate * (1 + tolerance));
      };
      near(expected.dualMembers / expected.members, rates.dualMember, 0.35);
      near(expected.plantedDuplicates.cross_cbo / stats.ruledEntriesOfDualMembers, rates.crossCboDuplicate, 0.35);
      near(expected.plantedDuplicates.same_cbo / stats.ruledEntries, rates.sameCboDuplicate, 0.5);
      near(expected.voids / stats.voidCandidates, rates.void, 0.25);
      near(c.lateMonths.length / stats.cboMonths, rates.lateMonth, 0.5);
      expect(c.voids.length).toBe(expected.voids);
      expect(new Set(c.voids.map((v) => v.kind))).toEqual(new Set(["entered_twice", "wrong_value", "not_delivered"]));
    }
  });
});
