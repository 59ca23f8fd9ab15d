import type { Keyring } from "@relief-ledger/http";
import type { IatiOrganisation } from "@relief-ledger/iati";
import type { Cosignatures } from "./audit/cosignatures.js";
import type { LogStore } from "./audit/log-store.js";
import type { ReadModel } from "./read-model.js";
import type { Replays } from "./replays/replays.js";

/** What the query routes read from: every route plugin is registered with these options. */
export interface QueryDeps {
  readModel: ReadModel;
  /** Anyone may read the coalition's totals (as a donor sees them), its CBOs and value by state. */
  publicCoalition: boolean;
  /** The event store, for the events inside proof bundles; without it proofs answer 503. */
  logStore?: LogStore;
  /** Where witnesses' cosignatures are kept; without it, posting one answers 503. */
  cosignatures?: Cosignatures;
  /** To know a witness's key when it posts a cosignature. */
  keyring: Keyring;
  /** The coalition as IATI files name it. */
  reportingOrg: IatiOrganisation;
  /** Replays auditors start (POST /v1/audit/replays); without them those routes answer 503. */
  replays?: Replays;
}
