import type { LedgerEvent } from "./events/catalogue.js";
import { isSlug, isUuid } from "./values/ids.js";

/**
 * Streams are the write model's consistency boundaries. Every name also fits the event store's
 * portable pattern (EventStoreDB keeps a leading `$` for itself).
 *
 * | stream                       | events                      | appended with expected revision     |
 * |------------------------------|-----------------------------|-------------------------------------|
 * | `cbo-<cboId>`                | CboRegistered               | no_stream: registering twice is 409 |
 * | `donor-<donorId>`            | DonorRegistered             | no_stream                           |
 * | `fund-<fundId>`              | FundsReceived               | no_stream                           |
 * | `submission-<submissionId>`  | DistributionRecorded, batch | no_stream: one atomic append        |
 * | `distribution-<id>`          | DistributionVoided          | no_stream                           |
 * | `policy-dedup`               | DedupPolicySet              | the revision the admin last read    |
 * | `flag-<flagId>`              | DuplicateFlagResolved,      | the revision the auditor last read  |
 * |                              | FlagNoteAdded without id    | (notes written before 0054: any)    |
 * | `note-<noteId>`              | FlagNoteAdded               | no_stream: a retry is known by id   |
 * | `ledger-heads`               | LedgerHeadSigned            | the revision of the previous head   |
 *
 * A void is the only event in `distribution-<id>`: a distribution is recorded in its submission's
 * stream, and the void goes to its own stream with no_stream. So "already voided" is a
 * WrongExpectedRevision conflict that the store itself enforces on both adapters, even when two
 * voids race, with no read-then-write window. A note is the one event of its own stream for the
 * same reason: the same note sent again (a retry after a lost answer) finds its stream written.
 */
export const STREAM_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$/;

export const DEDUP_POLICY_STREAM = "policy-dedup";
export const LEDGER_HEADS_STREAM = "ledger-heads";

// An id that does not fit would yield a stream belonging to nothing, or to something else.
function named(prefix: string, id: string, valid: (id: string) => boolean): string {
  if (!valid(id)) throw new TypeError(`${prefix} stream needs a valid id`);
  return `${prefix}-${id}`;
}

export const cboStream = (cboId: string): string => named("cbo", cboId, isSlug);
export const donorStream = (donorId: string): string => named("donor", donorId, isSlug);
export const fundStream = (fundId: string): string => named("fund", fundId, isUuid);
export const submissionStream = (submissionId: string): string => named("submission", submissionId, isUuid);
export const distributionStream = (distributionId: string): string => named("distribution", distributionId, isUuid);
export const flagStream = (flagId: string): string => named("flag", flagId, isUuid);
export const noteStream = (noteId: string): string => named("note", noteId, isUuid);

export const isValidStreamName = (name: string): boolean => STREAM_NAME_PATTERN.test(name);

/** The stream an event is appended to. */
export function streamFor(event: LedgerEvent): string {
  switch (event.type) {
    case "CboRegistered":
      return cboStream(event.data.cboId);
    case "DonorRegistered":
      return donorStream(event.data.donorId);
    case "FundsReceived":
      return fundStream(event.data.fundId);
    case "DistributionRecorded":
      return submissionStream(event.data.submissionId);
    case "DistributionVoided":
      return distributionStream(event.data.distributionId);
    case "DedupPolicySet":
      return DEDUP_POLICY_STREAM;
    case "DuplicateFlagResolved":
      return flagStream(event.data.flagId);
    case "FlagNoteAdded":
      // Notes written before they had ids (decision 0054) were appended to their flag's stream.
      return event.data.noteId === undefined ? flagStream(event.data.flagId) : noteStream(event.data.noteId);
    case "LedgerHeadSigned":
      return LEDGER_HEADS_STREAM;
  }
}
