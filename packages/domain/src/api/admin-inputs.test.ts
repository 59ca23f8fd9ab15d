import { describe, expect, it } from "vitest";
import { IDS } from "../testing/events.testkit.js";
import {
  RecordFundsInputSchema,
  RegisterCboInputSchema,
  RegisterDonorInputSchema,
  ResolveFlagInputSchema,
  SetDedupPolicyInputSchema,
  VoidDistributionInputSchema,
} from "./admin-inputs.js";

type Schema = {
  safeParse: (value: unknown) => { success: boolean; data?: unknown; error?: { issues: { path: PropertyKey[] }[] } };
};

const CASES: [string, Schema, Record<string, unknown>, Record<string, unknown>, string][] = [
  [
    "RegisterCboInput",
    RegisterCboInputSchema,
    { cboId: "sangama-blr", name: " Sangama ", state: "IN-KA", district: "Bengaluru" },
    { state: "Karnataka" },
    "state",
  ],
  [
    "RegisterDonorInput",
    RegisterDonorInputSchema,
    { donorId: "gates-fdn", name: "Gates Foundation", kind: "foundation" },
    { kind: "rich" },
    "kind",
  ],
  [
    "RecordFundsInput",
    RecordFundsInputSchema,
    {
      fundId: IDS.fund,
      donorId: "gates-fdn",
      cboId: "sangama-blr",
      amountPaise: 100,
      receivedOn: "2020-04-01",
      restrictedTo: ["art_medicine"],
    },
    { amountPaise: 0 },
    "amountPaise",
  ],
  ["VoidDistributionInput", VoidDistributionInputSchema, { reason: "recorded twice" }, { reason: "   " }, "reason"],
  [
    "SetDedupPolicyInput",
    SetDedupPolicyInputSchema,
    { rules: { cooked_food: { windowDays: 1, maxPerWindow: 2 } } },
    { rules: {} },
    "rules",
  ],
  [
    "ResolveFlagInput",
    ResolveFlagInputSchema,
    { verdict: "confirmed", note: "same woman, two CBOs" },
    { verdict: "yes" },
    "verdict",
  ],
];

describe("admin and auditor inputs", () => {
  it.each(CASES)("%s accepts a valid body", (_name, schema, valid) => {
    expect(schema.safeParse(valid).success).toBe(true);
  });

  it.each(CASES)("%s rejects a bad field by name", (_name, schema, valid, change, path) => {
    const result = schema.safeParse({ ...valid, ...change });
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toContain(path);
  });

  it.each(CASES)("%s rejects unknown fields", (_name, schema, valid) => {
    expect(schema.safeParse({ ...valid, extra: 1 }).success).toBe(false);
  });

  it("trims organisation names", () => {
    expect(RegisterCboInputSchema.parse(CASES[0]?.[2])).toMatchObject({ name: "Sangama" });
  });
});
