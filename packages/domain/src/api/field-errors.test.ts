import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { distributionInput, submissionInput } from "../testing/inputs.testkit.js";
import { validAadhaar } from "../testing/identities.testkit.js";
import { SubmissionInputSchema } from "./distribution-input.js";
import { formatIssues, formatZodError } from "./field-errors.js";

const formattedErrors = (input: unknown) => {
  const result = SubmissionInputSchema.safeParse(input);
  return result.success ? [] : formatZodError(result.error);
};

describe("formatIssues", () => {
  it("joins paths with dots and keeps the messages", () => {
    const schema = z.object({ a: z.array(z.object({ b: z.int("must be whole") })) });
    const result = schema.safeParse({ a: [{ b: 1 }, { b: 1.5 }] });
    expect(formatIssues(result.error?.issues ?? [])).toEqual([{ path: "a.1.b", message: "must be whole" }]);
  });

  it("does not repeat the names of unknown keys, which are client text", () => {
    const result = z.strictObject({ a: z.string() }).safeParse({ a: "x", Lakshmi: 1, "234123412346": 2 });
    const errors = formatIssues(result.error?.issues ?? []);
    expect(errors).toEqual([{ path: "", message: "has 2 fields that are not allowed" }]);
  });

  it("never echoes an invalid Aadhaar or phone, raw or normalised", () => {
    const badAadhaar = validAadhaar().map((n) => `${n.slice(0, 11)}${(Number(n[11]) + 1) % 10}`);
    const badPhone = fc.stringMatching(/^[0-5][0-9]{9}$/);
    fc.assert(
      fc.property(badAadhaar, badPhone, fc.constantFrom(" ", "-", ""), (aadhaar, phone, sep) => {
        const rawAadhaar = `${aadhaar.slice(0, 4)}${sep}${aadhaar.slice(4, 8)}${sep}${aadhaar.slice(8)}`;
        const rawPhone = `+91${sep}${phone}`;
        const errors = formattedErrors(
          submissionInput([
            distributionInput(0, {
              beneficiaryRefs: [
                { type: "aadhaar", value: rawAadhaar },
                { type: "phone", value: rawPhone },
              ],
            }),
          ]),
        );
        expect(errors.map((error) => error.path)).toEqual([
          "distributions.0.beneficiaryRefs.0.value",
          "distributions.0.beneficiaryRefs.1.value",
        ]);
        const text = JSON.stringify(errors);
        for (const secret of [rawAadhaar, aadhaar, rawPhone, phone, aadhaar.slice(-4), phone.slice(-4)]) {
          expect(text).not.toContain(secret);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("never echoes a value whatever is wrong with it", () => {
    const value = fc.stringMatching(/^[0-9]{6,14}$/);
    fc.assert(
      fc.property(value, (secret) => {
        const errors = formattedErrors({
          submissionId: secret,
          cboId: secret,
          distributions: [
            {
              ...distributionInput(0),
              [secret]: secret,
              district: 7,
              beneficiaryRefs: [{ type: "aadhaar", value: secret }],
            },
          ],
        });
        expect(errors.length).toBeGreaterThan(2);
        expect(JSON.stringify(errors)).not.toContain(secret);
      }),
      { numRuns: 200 },
    );
  });
});
