import type { RecordedEvent } from "@relief-ledger/event-store";
import { HASH_SIZE } from "../hash.js";
import { readRecordedHeads } from "../heads/read-heads.js";
import { eventLeafHash, leafFormatAt } from "../leaf.js";
import { checkHeads, type HeadChecks } from "./head-checks.js";
import { IndexCheck } from "./index-check.js";
import { LogOrderCheck } from "./log-order.js";
import { RANK, ProblemLog } from "./problem-log.js";
import { readLog } from "./read-log.js";
import { RootCheck } from "./root-check.js";
import type { VerifyLedgerOptions, VerifyLedgerResult } from "./types.js";

// Stands in for a leaf that cannot be computed, so every root over it mismatches.
const UNKNOWN_LEAF = Buffer.alloc(HASH_SIZE);

function leafOf(event: RecordedEvent, leafIndex: number, legacyBelow: number): Buffer | undefined {
  try {
    return eventLeafHash(event, leafFormatAt(leafIndex, legacyBelow));
  } catch {
    return undefined;
  }
}

/**
 * Recomputes the ledger from the store in one pass over the global log and checks it against the
 * signed heads and, if given, the Merkle index. The first problem returned names the first
 * altered, missing or reordered event, as exactly as the evidence allows.
 */
export async function verifyLedger(options: VerifyLedgerOptions): Promise<VerifyLedgerResult> {
  const { store, index, publicKeys, trustedHeads = [], pageSize = 1_000 } = options;
  const problems = new ProblemLog(options.maxProblems ?? 1_000);
  // The heads come first: their sizes say where, in the one pass, the roots must be compared.
  const heads: HeadChecks = checkHeads(await readRecordedHeads(store), trustedHeads, publicKeys);
  for (const problem of heads.trusted) problems.add(-1, RANK.located, problem);
  // Leaf format 1 below the last head signed in the v1 form, format 2 from there: from verified
  // heads only, so nobody without the key can move the cut-over.
  const legacyBelow = Math.max(0, ...heads.valid.filter((head) => head.origin === undefined).map((h) => h.treeSize));
  const indexed = index?.legacyBelow();
  if (index !== undefined && indexed === undefined && index.size() > legacyBelow) {
    throw new Error("the Merkle index predates leaf format 2: migrate it with ledger index, then verify");
  }
  if (indexed !== undefined && indexed !== legacyBelow && index!.size() > Math.min(indexed, legacyBelow)) {
    problems.add(Math.min(indexed, legacyBelow), RANK.index, {
      kind: "index-mismatch",
      leafIndex: Math.min(indexed, legacyBelow),
      message: `the index has leaf format 2 from leaf ${indexed}, the verified v1 heads say from leaf ${legacyBelow}`,
    });
  }
  const signedSize = Math.max(0, ...heads.valid.map((head) => head.treeSize));
  const unprotected: { count: number; firstPosition?: bigint; lastPosition?: bigint } = { count: 0 };
  // Only a store that says its positions are dense (SQLite's own) gets its gaps read as deletions.
  const order = new LogOrderCheck(problems, store.densePositions === true);
  const roots = new RootCheck(problems, heads.valid);
  const leaves = index && new IndexCheck(index, problems, heads.valid, pageSize);
  let ordinal = 0;

  const unreadable = (position: bigint | undefined, eventId: string | undefined, why: string) => {
    const leaf = position === undefined ? undefined : leaves?.leafAt(position, ordinal);
    if (position !== undefined) order.position(position, ordinal);
    const id = eventId ?? leaf?.eventId;
    problems.add(ordinal, RANK.located, {
      kind: "altered",
      ...(position !== undefined && { position }),
      ...(id !== undefined && { eventId: id }),
      leafIndex: ordinal,
      message: `the event ${position === undefined ? "after the last readable one" : `at position ${position}`} ${why}`,
    });
    roots.append(UNKNOWN_LEAF, position, ordinal++);
  };

  for await (const item of readLog(store, pageSize)) {
    if (item.kind === "unreadable") {
      unreadable(item.position, undefined, "cannot be read: its stored JSON is damaged");
      continue;
    }
    for (const event of item.events) {
      const hash = leafOf(event, ordinal, legacyBelow);
      if (hash === undefined) {
        unreadable(event.position, event.id, "cannot be hashed: its committed fields are malformed");
        continue;
      }
      for (const problem of heads.byEvent.get(event.id) ?? [])
        problems.add(ordinal, RANK.located, { ...problem, leafIndex: ordinal });
      heads.byEvent.delete(event.id);
      leaves?.check(event, hash, ordinal);
      if (ordinal >= signedSize) {
        unprotected.count++;
        unprotected.firstPosition ??= event.position;
        unprotected.lastPosition = event.position;
      }
      order.check(event, ordinal);
      roots.append(hash, event.position, ordinal++);
    }
    options.onProgress?.(ordinal);
  }

  for (const late of heads.byEvent.values()) for (const problem of late) problems.add(ordinal, RANK.located, problem);
  leaves?.finish(ordinal);
  roots.finish(ordinal);
  return {
    ok: problems.count === 0,
    eventsChecked: ordinal,
    headsChecked: heads.checked,
    headsVerified: heads.valid.length,
    signedSize,
    legacyBelow,
    unprotected,
    ...(leaves && { indexSize: leaves.size }),
    unindexedEvents: leaves?.unindexed ?? 0,
    problems: problems.sorted(),
    problemCount: problems.count,
  };
}
