import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { openSqliteEventStore, type EventStore } from "@relief-ledger/event-store";
import {
  catchUpIndex,
  INDEX_CATCH_UP_PAGE,
  generateSigningKeyPem,
  openMerkleIndex,
  publicKeyPem,
  publicKeysById,
  signNextHead,
  signingKeyFromPem,
  verifyLedger,
  type MerkleIndexReader,
  type SigningKey,
} from "@relief-ledger/audit";
import type { Fixture } from "./fixture/fixture.js";
import { adapterScan, rawScan } from "./log-scan.js";
import { median, rate } from "./timing.js";

// verifyLedger reads the log in pages of 1,000 (catchUpIndex in INDEX_CATCH_UP_PAGE); the scans read it the same way.
export const PAGE = 1_000;
const ROUNDS = 3;

export interface VerifyRates {
  /** Events in the copy: the fixture's and the head signed over them. */
  events: number;
  index: { subject: number; scan: number };
  verify: { subject: number; scan: number; raw: number; seconds: number };
}

/** What `ledger index` then `ledger sign-head` do: the head signs all the fixture's events. */
async function indexAndSign(store: EventStore, indexFile: string, events: number, key: SigningKey) {
  const index = openMerkleIndex(indexFile);
  try {
    // As `ledger index` runs it (catchUpIndex's own page), beside scans in pages of the same size.
    const before = await adapterScan(store, events, INDEX_CATCH_UP_PAGE);
    const subject = await rate(events, async () => void (await catchUpIndex(store, index)));
    const after = await adapterScan(store, events, INDEX_CATCH_UP_PAGE);
    const signed = await signNextHead({ store, index, key });
    if (!signed.signed) throw new Error(`no head signed: ${signed.reason}`);
    return { subject, scan: median([before, after]) };
  } finally {
    index.close();
  }
}

/** One `ledger verify --index … --public-key …`; a run that finds anything amiss is not a figure. */
async function verifyOnce(store: EventStore, index: MerkleIndexReader, key: SigningKey, events: number) {
  // From PEM, as the CLI reads an auditor's key file, so nothing of the signer is reused.
  const publicKeys = publicKeysById([publicKeyPem(key)]);
  const result = await verifyLedger({ store, index, publicKeys, pageSize: PAGE });
  if (!result.ok || result.headsVerified !== 1 || result.eventsChecked !== events)
    throw new Error(`verify did not pass: ${JSON.stringify({ ...result, problems: result.problems.slice(0, 3) })}`);
}

/** A copy of the fixture, indexed and signed, then verified in rounds interleaved with two plain scans. */
export async function verifyRates(fixture: Fixture, dir: string): Promise<VerifyRates> {
  const file = join(dir, "events.db");
  const indexFile = join(dir, "merkle.db");
  const key = signingKeyFromPem(generateSigningKeyPem());
  copyFileSync(fixture.file, file);
  const writer = openSqliteEventStore({ file });
  let index: VerifyRates["index"];
  try {
    await rawScan(file, fixture.events); // warms the page cache for every reader below
    index = await indexAndSign(writer, indexFile, fixture.events, key);
  } finally {
    await writer.close();
  }

  const events = fixture.events + 1;
  const store = openSqliteEventStore({ file, readonly: true });
  const merkle = openMerkleIndex(indexFile, { readonly: true });
  const runs = { subject: [] as number[], scan: [] as number[], raw: [] as number[] };
  try {
    for (let round = 0; round < ROUNDS; round++) {
      runs.raw.push(await rawScan(file, events));
      runs.scan.push(await adapterScan(store, events, PAGE));
      runs.subject.push(await rate(events, () => verifyOnce(store, merkle, key, events)));
    }
  } finally {
    merkle.close();
    await store.close();
  }
  const subject = median(runs.subject);
  const verify = { subject, scan: median(runs.scan), raw: median(runs.raw), seconds: events / subject };
  return { events, index, verify };
}
