import type { LedgerEvent } from "../events/catalogue.js";
import type { DistributionRecorded } from "../events/distributions.js";
import type { LedgerCommand } from "../decide/commands.js";
import { accept, refuse } from "../decide/decision.js";
import { decide, writeRule } from "../decide/decide.js";
import { evolveWriteModel, initialWriteModel, writeStateOf, type WriteModel } from "../decide/write-model.js";
import { isSameWrite } from "../decide/written-once.js";
import { streamFor } from "../streams.js";
import { deciderSpecification } from "./decider-specification.testkit.js";

/** The day the write decider's tests decide on. */
export const DECIDED_ON = "2021-06-01";

/** given(events).when(command).then(events) for the ledger's write side, deciding on DECIDED_ON. */
export const given = deciderSpecification({
  decide: (command: LedgerCommand, model) => decide(command, writeStateOf(model), DECIDED_ON),
  evolve: evolveWriteModel,
  initialState: initialWriteModel,
});

const flagsShown = (shown: Record<string, readonly string[]>) => ({
  flag: (flagId: string) => (Object.hasOwn(shown, flagId) ? { cboIds: shown[flagId]! } : undefined),
});

/** The same, with the read side showing these flags: each flagId with the CBOs of its window. */
export const givenFlags = (shown: Record<string, readonly string[]>) =>
  deciderSpecification({
    decide: (command: LedgerCommand, model) => decide(command, writeStateOf(model), DECIDED_ON, flagsShown(shown)),
    evolve: evolveWriteModel,
    initialState: initialWriteModel,
  });

/**
 * given(events).when(command).then(events) for a whole write, as the ingest service makes it
 * (handleCommand): decide, then append by the command's write rule. A command written once whose
 * stream already holds the same events is a retry and appends none (`then([])`); other events there
 * are the rule's conflict. The state is the write model and each stream's events.
 */
export const givenLog = (shown: Record<string, readonly string[]> = {}) =>
  deciderSpecification({
    decide: (command: LedgerCommand, state: { model: WriteModel; streams: ReadonlyMap<string, LedgerEvent[]> }) => {
      const decided = decide(command, writeStateOf(state.model), DECIDED_ON, flagsShown(shown));
      const rule = writeRule(command);
      if (!decided.ok || rule.kind === "append") return decided;
      const stored = state.streams.get(streamFor(decided.value[0]!)) ?? [];
      if (stored.length === 0) return decided;
      const { reason, message, details } = rule.conflict;
      return isSameWrite(stored, decided.value) ? accept([]) : refuse(reason, message, details);
    },
    evolve: (state, event: LedgerEvent) => {
      const stream = streamFor(event);
      const streams = new Map(state.streams).set(stream, [...(state.streams.get(stream) ?? []), event]);
      return { model: evolveWriteModel(state.model, event), streams };
    },
    initialState: () => ({ model: initialWriteModel(), streams: new Map<string, LedgerEvent[]>() }),
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
