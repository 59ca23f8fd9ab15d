import { LEDGER_HEADS_STREAM, LedgerHeadSignedSchema, type LedgerHeadSigned } from "@relief-ledger/domain";
import type { EventStore, RecordedEvent } from "@relief-ledger/event-store";

/** One event of the `ledger-heads` stream, with its head when it is a well-formed LedgerHeadSigned. */
export interface RecordedHead {
  eventId: string;
  position: bigint;
  revision: number;
  type: string;
  head?: LedgerHeadSigned;
}

const toHead = ({ id, position, revision, type, data }: RecordedEvent): RecordedHead => {
  const parsed = type === "LedgerHeadSigned" ? LedgerHeadSignedSchema.safeParse(data) : undefined;
  return { eventId: id, position, revision, type, ...(parsed?.success && { head: parsed.data }) };
};

// The SQLite adapter parses JSON as it reads, so one damaged event fails the whole stream read.
// Read one revision at a time then, leaving out what cannot be read: the walk over the global log
// reports that event where it stands.
async function readEachReadable(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (let revision = 0; ; revision++) {
    try {
      const [event] = await store.readStream(LEDGER_HEADS_STREAM, { fromRevision: revision, maxCount: 1 });
      if (event === undefined) return events;
      events.push(event);
      revision = event.revision;
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
    }
  }
}

export async function readRecordedHeads(store: EventStore): Promise<RecordedHead[]> {
  try {
    return (await store.readStream(LEDGER_HEADS_STREAM)).map(toHead);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return (await readEachReadable(store)).map(toHead);
  }
}

/**
 * Where leaf format 2 starts in a log: the largest tree size signed in the retired v1 form (a head
 * without an origin), or 0. Leaves below it were signed as format 1 and stay so, which keeps every
 * old head and every consistency proof from it valid; the ledger signs only checkpoints now, so
 * the cut-over never moves. Heads are taken as recorded: a verifier checks their signatures.
 */
export const legacyBelowOf = (heads: readonly { head?: LedgerHeadSigned }[]): number =>
  Math.max(0, ...heads.flatMap(({ head }) => (head !== undefined && head.origin === undefined ? [head.treeSize] : [])));

export const legacyLeafFormatBelow = async (store: EventStore): Promise<number> =>
  legacyBelowOf(await readRecordedHeads(store));
