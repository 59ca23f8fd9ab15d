import type { EventStore, ReadAllOptions, RecordedEvent } from "@relief-ledger/event-store";
import { describe, expect, it } from "vitest";
import { leafHash } from "../hash.js";
import { eventLeafHash } from "../leaf.js";
import { arraySource } from "../leaf-source.js";
import { merkleRoot } from "../proofs.js";
import { publicKeysById } from "../signing/public-key.js";
import { generateSigningKeyPem, signingKeyFromPem } from "../signing/signing-key.js";
import { signHead } from "../signing/tree-head.js";
import { logEvents } from "../testing/events.testkit.js";
import { verifyLedger } from "./verify-ledger.js";

const key = signingKeyFromPem(generateSigningKeyPem());
const publicKeys = publicKeysById([key.publicKey]);

/** EventStoreDB-like: positions far apart, so arithmetic on them means nothing. */
function sparseStore(events: RecordedEvent[], damagedAt?: bigint): EventStore {
  const readAll = async ({ after = 0n, maxCount = 1_000 }: ReadAllOptions = {}) => {
    const page = events.filter((event) => event.position > after).slice(0, maxCount);
    if (page.some((event) => event.position === damagedAt)) throw new SyntaxError("Unexpected end of JSON input");
    return { events: page, next: page.at(-1)?.position ?? after, isEnd: page.length < maxCount };
  };
  const readStream = async (stream: string) => events.filter((event) => event.stream === stream);
  return { readAll, readStream } as unknown as EventStore;
}

function ledgerOf(count: number, signAt: number): RecordedEvent[] {
  const events: RecordedEvent[] = logEvents(count).map((event, i) => ({
    ...event,
    position: BigInt(i + 1) * 1_000_003n,
    metadata: {},
  }));
  const root = merkleRoot(arraySource(events.slice(0, signAt).map((event) => eventLeafHash(event))));
  const head = signHead({ treeSize: signAt, rootHash: root }, key, "test.example/log");
  const id = "11111111-2222-4333-8444-555555555555";
  const headEvent = { id, stream: "ledger-heads", revision: 0, type: "LedgerHeadSigned", data: { ...head } };
  events.splice(signAt, 0, { ...headEvent, position: 0n, metadata: {}, recordedAt: "2026-01-01T00:00:00.000Z" });
  return events.map((event, i) => ({ ...event, position: BigInt(i + 1) * 1_000_003n }));
}

describe("verifyLedger with positions that are not dense", () => {
  it("reports no gaps between positions far apart", async () => {
    const events = ledgerOf(40, 30);
    const result = await verifyLedger({ store: sparseStore(events), publicKeys, densePositions: false });
    expect(result).toMatchObject({ ok: true, eventsChecked: 41, headsVerified: 1, signedSize: 30 });
    // The same log read as if dense is full of gaps: the option matters.
    const dense = await verifyLedger({ store: sparseStore(events), publicKeys });
    expect(dense.problems[0]).toMatchObject({ kind: "missing", position: 1n });
  });

  it("still finds a deletion through the stream revisions and the signed root", async () => {
    const events = ledgerOf(40, 30);
    const [removed] = events.splice(10, 1);
    const result = await verifyLedger({ store: sparseStore(events), publicKeys, densePositions: false });
    expect(result.ok).toBe(false);
    const next = events.find((event) => event.stream === removed!.stream && event.revision === removed!.revision + 1);
    expect(result.problems[0]).toMatchObject({ kind: "missing", position: next!.position, eventId: next!.id });
    expect(result.problems.some((problem) => problem.range?.to === 30)).toBe(true);
  });

  it("stops at damaged JSON it cannot step over, naming what came before", async () => {
    const events = ledgerOf(40, 30);
    const result = await verifyLedger({
      store: sparseStore(events, events[20]!.position),
      publicKeys,
      densePositions: false,
      pageSize: 8,
    });
    expect(result.eventsChecked).toBe(21);
    expect(result.problems[0]).toMatchObject({ kind: "altered", leafIndex: 20 });
    expect(result.problems[0]!.message).toMatch(/after the last readable one cannot be read/);
  });

  it("limits the problems it returns but counts them all", async () => {
    const events = ledgerOf(40, 30).map((event) => ({ ...event, revision: event.revision + 1 }));
    const result = await verifyLedger({
      store: sparseStore(events),
      publicKeys,
      densePositions: false,
      maxProblems: 2,
    });
    expect(result.problems).toHaveLength(2);
    expect(result.problemCount).toBeGreaterThan(3);
  });

  it("rejects a trusted head under an unknown key or with a bad signature, before anything else", async () => {
    const events = ledgerOf(10, 5);
    const stranger = signingKeyFromPem(generateSigningKeyPem());
    const trustedHeads = [
      signHead({ treeSize: 3, rootHash: leafHash(Buffer.from("x")) }, stranger),
      { ...signHead({ treeSize: 3, rootHash: leafHash(Buffer.from("x")) }, key), treeSize: 4 },
    ];
    const result = await verifyLedger({ store: sparseStore(events), publicKeys, trustedHeads, densePositions: false });
    expect(result.problems.map((problem) => problem.kind)).toEqual(["unknown-key", "forged-head"]);
    expect(result.headsChecked).toBe(3);
  });
});
