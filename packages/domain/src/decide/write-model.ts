import type { LedgerEvent } from "../events/catalogue.js";
import type { KnownDistribution, KnownFund, WriteState } from "./write-state.js";

/**
 * What the write side knows of the ledger, folded from its events: the pure statement of the fold
 * the ingest service's write index keeps in SQLite. Tests decide against it (given events, when a
 * command, then events), and the write index is checked against it.
 */
export interface WriteModel {
  cbos: ReadonlySet<string>;
  donors: ReadonlySet<string>;
  funds: ReadonlyMap<string, KnownFund>;
  distributions: ReadonlyMap<string, KnownDistribution>;
}

export const initialWriteModel = (): WriteModel => ({
  cbos: new Set(),
  donors: new Set(),
  funds: new Map(),
  distributions: new Map(),
});

const withEntry = <K, V>(map: ReadonlyMap<K, V>, key: K, value: V): ReadonlyMap<K, V> => new Map(map).set(key, value);

/** The first record of an id wins, as in every projection: a later event cannot rewrite it. */
export function evolveWriteModel(model: WriteModel, event: LedgerEvent): WriteModel {
  switch (event.type) {
    case "CboRegistered":
      return { ...model, cbos: new Set(model.cbos).add(event.data.cboId) };
    case "DonorRegistered":
      return { ...model, donors: new Set(model.donors).add(event.data.donorId) };
    case "FundsReceived": {
      const { fundId, cboId, donorId, restrictedTo } = event.data;
      if (model.funds.has(fundId)) return model;
      const fund: KnownFund = { cboId, donorId, ...(restrictedTo ? { restrictedTo } : {}) };
      return { ...model, funds: withEntry(model.funds, fundId, fund) };
    }
    case "DistributionRecorded": {
      const { distributionId, cboId, submissionId } = event.data;
      if (model.distributions.has(distributionId)) return model;
      const known: KnownDistribution = { cboId, submissionId, voided: false };
      return { ...model, distributions: withEntry(model.distributions, distributionId, known) };
    }
    case "DistributionVoided": {
      const known = model.distributions.get(event.data.distributionId);
      if (!known) return model;
      return {
        ...model,
        distributions: withEntry(model.distributions, event.data.distributionId, { ...known, voided: true }),
      };
    }
    // The write side decides nothing from these.
    case "DedupPolicySet":
    case "DuplicateFlagResolved":
    case "FlagNoteAdded":
    case "LedgerHeadSigned":
      return model;
  }
}

/** The model as the read-only view `decide` looks things up in. */
export const writeStateOf = (model: WriteModel): WriteState => ({
  hasCbo: (cboId) => model.cbos.has(cboId),
  hasDonor: (donorId) => model.donors.has(donorId),
  fund: (fundId) => model.funds.get(fundId),
  distribution: (distributionId) => model.distributions.get(distributionId),
});
