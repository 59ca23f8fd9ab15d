import { describe, expect, it } from "vitest";
import { AADHAAR_REASONS } from "../identifiers/aadhaar.js";
import { distributionInput, submissionInput } from "../testing/inputs.testkit.js";
import { SubmissionInputSchema } from "./distribution-input.js";
import { formatIssues } from "./field-errors.js";
import { PROBLEMS } from "./problems.js";

const errorsOf = (input: unknown) => {
  const result = SubmissionInputSchema.safeParse(input);
  return result.success ? [] : formatIssues(result.error.issues);
};

describe("SubmissionInputSchema", () => {
  it("accepts a valid batch and trims free text", () => {
    const input = submissionInput([
      distributionInput(0, { district: "  Mysuru ", funding: { kind: "scheme", scheme: " PDS" } }),
      distributionInput(1),
    ]);
    const parsed = SubmissionInputSchema.parse(input);
    expect(parsed.distributions[0]?.district).toBe("Mysuru");
    expect(parsed.distributions[0]?.funding).toEqual({ kind: "scheme", scheme: "PDS" });
    expect(parsed.distributions).toHaveLength(2);
  });

  it("reads a date written DD/MM/YYYY and a service by its name, as a spreadsheet holds them", () => {
    const parsed = SubmissionInputSchema.parse(
      submissionInput([distributionInput(0, { distributedOn: "5/4/2020", service: "Grocery kit" })]),
    );
    expect(parsed.distributions[0]).toMatchObject({ distributedOn: "2020-04-05", service: "grocery_kit" });
  });

  it("names an unknown service in plain words and lists the services, never echoing the value", () => {
    const errors = errorsOf(submissionInput([distributionInput(0, { service: "free rations for Meena" })]));
    expect(errors).toEqual([{ path: "distributions.0.service", message: PROBLEMS["service.unknown"] }]);
    expect(errors[0]!.message).toContain("Grocery kit (grocery_kit)");
    expect(errors[0]!.message).not.toContain("Meena");
  });

  it("lists every bad record by index and field in one reply", () => {
    const errors = errorsOf(
      submissionInput([
        distributionInput(0),
        distributionInput(1, { valuePaise: -5 }),
        distributionInput(2, { beneficiaryRefs: [{ type: "aadhaar", value: "2341 2341 2347" }] }),
        distributionInput(3, { distributedOn: "2020-02-30", quantity: 0 }),
        distributionInput(1),
      ]),
    );
    expect(errors).toEqual([
      { path: "distributions.1.valuePaise", message: "must not be negative" },
      { path: "distributions.2.beneficiaryRefs.0.value", message: AADHAAR_REASONS.checkDigit },
      { path: "distributions.3.quantity", message: PROBLEMS["quantity.invalid"] },
      { path: "distributions.3.distributedOn", message: PROBLEMS["date.invalid"] },
      { path: "distributions.4.distributionId", message: "repeats the distributionId of distributions.1" },
    ]);
  });

  it("still reports repeated ids when a record has a field of the wrong type", () => {
    const errors = errorsOf(
      submissionInput([distributionInput(0), { ...distributionInput(1), quantity: "one" }, distributionInput(0)]),
    );
    expect(errors.map((error) => error.path)).toEqual(["distributions.1.quantity", "distributions.2.distributionId"]);
  });

  it("holds 1 to 1000 distributions and 1 to 5 documents each", () => {
    expect(errorsOf(submissionInput([]))).toMatchObject([{ path: "distributions" }]);
    const full = Array.from({ length: 1000 }, (_, i) => distributionInput(i));
    expect(errorsOf(submissionInput(full))).toEqual([]);
    expect(errorsOf(submissionInput([...full, distributionInput(1000)]))).toMatchObject([{ path: "distributions" }]);
    const six = Array.from({ length: 6 }, (_, i) => ({ type: "member_id" as const, value: `m${i}` }));
    expect(errorsOf(submissionInput([distributionInput(0, { beneficiaryRefs: six })]))).toMatchObject([
      { path: "distributions.0.beneficiaryRefs" },
    ]);
    expect(errorsOf(submissionInput([distributionInput(0, { beneficiaryRefs: [] })]))).toMatchObject([
      { path: "distributions.0.beneficiaryRefs" },
    ]);
  });

  it("rejects unknown fields, such as a member's name, and unknown document types", () => {
    const named = { ...distributionInput(0), memberName: "Lakshmi" };
    const errors = errorsOf(
      submissionInput([named, distributionInput(1, { beneficiaryRefs: [{ type: "pan", value: "x" } as never] })]),
    );
    expect(errors.map((error) => error.path)).toEqual(["distributions.0", "distributions.1.beneficiaryRefs.0.type"]);
    expect(JSON.stringify(errors)).not.toContain("Lakshmi");
  });
});
