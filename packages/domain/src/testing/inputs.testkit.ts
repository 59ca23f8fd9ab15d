import type { DistributionInput, SubmissionInput } from "../api/distribution-input.js";
import { IDS } from "./events.testkit.js";

/** A valid distribution as a CBO sends it; `n` varies the id so a batch has no repeats. */
export const distributionInput = (n = 0, overrides: Partial<DistributionInput> = {}): DistributionInput => ({
  distributionId: `01939f2e-8b1a-7c3d-9e4f-${n.toString(16).padStart(12, "0")}`,
  service: "grocery_kit",
  beneficiaryRefs: [
    { type: "phone", value: "+91 98765 43210" },
    { type: "aadhaar", value: "2341 2341 2346" },
  ],
  quantity: 1,
  valuePaise: 120_000,
  funding: { kind: "auto" },
  distributedOn: "2020-04-10",
  ...overrides,
});

export const submissionInput = (distributions: unknown[] = [distributionInput()]): SubmissionInput =>
  ({ submissionId: IDS.submission, cboId: "sangama-blr", distributions }) as SubmissionInput;
