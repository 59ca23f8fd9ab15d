import type { LedgerEvent } from "../events/catalogue.js";
import type { DistributionRecorded } from "../events/distributions.js";
import type { LedgerCommand } from "../decide/commands.js";
import { decide } from "../decide/decide.js";
import { evolveWriteModel, initialWriteModel, writeStateOf } from "../decide/write-model.js";
import { deciderSpecification } from "./decider-specification.testkit.js";

/** The day the write decider's tests decide on. */
export const DECIDED_ON = "2021-06-01";

/** given(events).when(command).then(events) for the ledger's write side, deciding on DECIDED_ON. */
export const given = deciderSpecification({
  decide: (command: LedgerCommand, model) => decide(command, writeStateOf(model), DECIDED_ON),
  evolve: evolveWriteModel,
  initialState: initialWriteModel,
});

/** The same, with the read side showing these flags: each flagId with the CBOs of its window. */
export const givenFlags = (shown: Record<string, readonly string[]>) =>
  deciderSpecification({
    decide: (command: LedgerCommand, model) =>
      decide(command, writeStateOf(model), DECIDED_ON, {
        flag: (flagId) => (Object.hasOwn(shown, flagId) ? { cboIds: shown[flagId]! } : undefined),
      }),
    evolve: evolveWriteModel,
    initialState: initialWriteModel,
  });

export const uuidOf = (n: number): string => `0190f5a2-0000-7000-8000-${n.toString(16).padStart(12, "0")}`;

/** A valid DistributionRecorded: one grocery kit for one phone pseudonym, on 2021-05-14. */
export const recordedDistribution = (
  n: number,
  overrides: Partial<DistributionRecorded> = {},
): DistributionRecorded => ({
  distributionId: uuidOf(n),
  submissionId: uuidOf(0x5000),
  cboId: "ashodaya-samithi",
  service: "grocery_kit",
  beneficiaries: [{ type: "phone", pseudonym: "a".repeat(64), keyId: "k1" }],
  quantity: 1,
  valuePaise: 150_000,
  funding: { kind: "auto" },
  distributedOn: "2021-05-14",
  ...overrides,
});

export const recorded = (...records: DistributionRecorded[]): LedgerEvent[] =>
  records.map((data) => ({ type: "DistributionRecorded", data }));
