import { describe, expect, it } from "vitest";
import { z } from "zod";
import { IDS } from "../testing/events.testkit.js";
import { distributionInput, submissionInput } from "../testing/inputs.testkit.js";
import * as admin from "./admin-inputs.js";
import { SubmissionInputSchema } from "./distribution-input.js";
import { formatIssues, refusalStatusOf } from "./field-errors.js";

// Every free-text field a client can send, in a valid input, with the text to put there.
const FIELDS: [string, z.ZodType, (text: string) => unknown][] = [
  [
    "name",
    admin.RegisterCboInputSchema,
    (name) => ({ cboId: "sangama-blr", name, state: "IN-KA", district: "Bengaluru" }),
  ],
  [
    "district",
    admin.RegisterCboInputSchema,
    (district) => ({ cboId: "sangama-blr", name: "S", state: "IN-KA", district }),
  ],
  ["name", admin.RegisterDonorInputSchema, (name) => ({ donorId: "gates-fdn", name, kind: "foundation" })],
  [
    "reference",
    admin.RecordFundsInputSchema,
    (reference) => ({
      fundId: IDS.fund,
      donorId: "gates-fdn",
      cboId: "sangama-blr",
      amountPaise: 100,
      receivedOn: "2020-04-01",
      reference,
    }),
  ],
  ["reason", admin.VoidDistributionInputSchema, (reason) => ({ reason })],
  ["note", admin.ResolveFlagInputSchema, (note) => ({ verdict: "dismissed", note })],
  [
    "distributions.1.district",
    SubmissionInputSchema,
    (district) => submissionInput([distributionInput(0), distributionInput(1, { district })]),
  ],
  [
    "distributions.0.funding.scheme",
    SubmissionInputSchema,
    (scheme) => submissionInput([distributionInput(0, { funding: { kind: "scheme", scheme } })]),
  ],
];

const CARRIERS = [
  ["beneficiary 200099900017", "200099900017"],
  ["call +91 9123456780", "9123456780"],
  ["card no ABC1234567", "1234567"],
] as const;

describe("free text refuses identity numbers, naming the field and quoting nothing", () => {
  it.each(FIELDS)("%s of %#", (field, schema, withText) => {
    expect(schema.safeParse(withText("Mysuru, ward 12, 2021-22")).success).toBe(true);
    for (const [text, digits] of CARRIERS) {
      const result = schema.safeParse(withText(text));
      expect(result.success).toBe(false);
      const issues = result.error!.issues;
      expect(refusalStatusOf(issues)).toBe(422);
      const errors = formatIssues(issues);
      expect(errors.map((error) => error.path)).toEqual([field]);
      expect(JSON.stringify(errors)).not.toContain(digits);
    }
  });

  it("is a 400 when the input is also malformed, listing both problems", () => {
    const result = admin.VoidDistributionInputSchema.safeParse({ reason: "call 9123456780", extra: 1 });
    expect(refusalStatusOf(result.error!.issues)).toBe(400);
    expect(
      formatIssues(result.error!.issues)
        .map((error) => error.path)
        .sort(),
    ).toEqual(["", "reason"]);
  });
});

describe("input schemas name every field in their own words", () => {
  // An open record would put a key the client chose into an error's path; every input schema
  // declares its keys instead (zod's JSON Schema shows an open record as additionalProperties).
  const openKeys = (schema: unknown): boolean =>
    typeof schema === "object" && schema !== null
      ? Object.entries(schema).some(
          ([key, value]) =>
            (key === "additionalProperties" && value !== false) || key === "propertyNames" || openKeys(value),
        )
      : false;

  it.each([
    ["RegisterCboInput", admin.RegisterCboInputSchema],
    ["RegisterDonorInput", admin.RegisterDonorInputSchema],
    ["RecordFundsInput", admin.RecordFundsInputSchema],
    ["VoidDistributionInput", admin.VoidDistributionInputSchema],
    ["SetDedupPolicyInput", admin.SetDedupPolicyInputSchema],
    ["ResolveFlagInput", admin.ResolveFlagInputSchema],
    ["SubmissionInput", SubmissionInputSchema],
  ] as const)("%s has no open record", (_, schema) => {
    expect(openKeys(z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }))).toBe(false);
    expect(openKeys(z.toJSONSchema(z.record(z.string(), z.int())))).toBe(true);
  });
});
