import {
  decide,
  streamFor,
  writeRule,
  type EventMetadata,
  type LedgerCommand,
  type Recorded,
  type WriteState,
} from "@relief-ledger/domain";
import type { IngestDeps } from "./deps.js";
import { recordAppend, recordOnce } from "./recorder.js";
import { orRefuse, refusalError } from "./refusal.js";

/**
 * Refusals every write can give beside its own (409 where an id is written once): too large, a
 * content type other than its own, a rule broken (an identity number in free text at least), the
 * store unable to confirm the append.
 */
export const WRITE_REFUSALS = [413, 415, 422, 503] as const;

/** A submission's decision looks up all its distributions in one query instead of one each. */
const stateFor = (command: LedgerCommand, index: IngestDeps["index"]): WriteState =>
  command.type === "RecordSubmission"
    ? index.withDistributions(command.data.records.map((record) => record.distributionId))
    : index;

/**
 * The one way a command becomes events in the log: catch the write index up with the log, decide,
 * append. A refusal is thrown as the HTTP error its reason maps to; so is a store refusal the
 * client can act on (too large, outcome unknown).
 */
export async function handleCommand(
  deps: IngestDeps,
  command: LedgerCommand,
  metadata: EventMetadata,
): Promise<Recorded> {
  await deps.index.catchUp();
  const events = orRefuse(decide(command, stateFor(command, deps.index), deps.today(), deps.flags));
  // Every command's events go to one stream: the first event's names it.
  const stream = streamFor(events[0]!);
  const rule = writeRule(command);
  if (rule.kind === "append") return recordAppend(deps.store, stream, events, metadata);
  const outcome = await recordOnce(deps.store, stream, events, metadata);
  if (!outcome.ok) throw refusalError(rule.conflict);
  if (outcome.appended) await deps.index.noteAppended(events, outcome.appended);
  return outcome.recorded;
}
