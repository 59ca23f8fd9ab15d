import { randomUUID } from "node:crypto";
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  evolveWriteModel,
  initialWriteModel,
  streamFor,
  writeStateOf,
  type LedgerEvent,
  type WriteState,
} from "@relief-ledger/domain";
import { recordedDistribution, uuidOf } from "@relief-ledger/domain/testing";
import { openSqliteEventStore, type EventStore } from "@relief-ledger/event-store";
import { openWriteIndex, type WriteIndex } from "./write-index.js";

const uuid = uuidOf;
const recorded = (distribution: number, submission: number, cboId = "ashodaya-samithi"): LedgerEvent => ({
  type: "DistributionRecorded",
  data: recordedDistribution(distribution, { submissionId: uuid(submission), cboId }),
});
const voided = (distribution: number): LedgerEvent => ({
  type: "DistributionVoided",
  data: { distributionId: uuid(distribution), cboId: "ashodaya-samithi", reason: "typed twice" },
});

/** Every kind of event, with a repeated distributionId, a void of nothing and a type from a later version. */
const HISTORY: LedgerEvent[] = [
  { type: "CboRegistered", data: { cboId: "ashodaya-samithi", name: "A", state: "IN-KA", district: "Mysuru" } },
  { type: "CboRegistered", data: { cboId: "vamp-sangli", name: "V", state: "IN-MH", district: "Sangli" } },
  { type: "DonorRegistered", data: { donorId: "azim-trust", name: "T", kind: "trust" } },
  {
    type: "FundsReceived",
    data: {
      fundId: uuid(0xf1),
      donorId: "azim-trust",
      cboId: "ashodaya-samithi",
      amountPaise: 100,
      receivedOn: "2021-01-01",
      restrictedTo: ["grocery_kit"],
    },
  },
  {
    type: "FundsReceived",
    data: { fundId: uuid(0xf2), donorId: "azim-trust", cboId: "vamp-sangli", amountPaise: 5, receivedOn: "2021-01-01" },
  },
  recorded(1, 0x51),
  recorded(2, 0x51),
  recorded(1, 0x52, "vamp-sangli"),
  voided(2),
  voided(9),
  { type: "DedupPolicySet", data: { rules: { cooked_food: null } } },
  { type: "DuplicateFlagResolved", data: { flagId: uuid(1), verdict: "dismissed", note: "two members" } },
];
const IDS = [1, 2, 3, 9, 0xf1, 0xf2, 0xf3].map(uuid);
const NAMES = ["ashodaya-samithi", "vamp-sangli", "azim-trust", "nobody"];

/** Everything a decision could ask, so two states that answer alike are alike for every decision. */
const answers = (state: WriteState) => ({
  cbos: NAMES.map(state.hasCbo),
  donors: NAMES.map(state.hasDonor),
  funds: IDS.map(state.fund),
  distributions: IDS.map(state.distribution),
});

const metadata = {
  recordedAt: "2021-06-01T00:00:00.000Z",
  principal: { role: "admin", keyId: "k" },
  correlationId: "c",
  schemaVersion: 1,
};
const append = (store: EventStore, events: readonly LedgerEvent[]) =>
  Promise.all(
    events.map((event) =>
      store.append(streamFor(event), [{ id: randomUUID(), type: event.type, data: event.data, metadata }], {
        expectedRevision: "any",
      }),
    ),
  );

let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

describe("write index", () => {
  it("answers every lookup as the domain's fold of the same log does", async () => {
    dir = mkdtempSync(join(tmpdir(), "ledger-write-index-"));
    const store = openSqliteEventStore({ file: join(dir, "events.db") });
    const index = openWriteIndex(join(dir, "index.db"), store);
    for (const event of HISTORY) await append(store, [event]);
    await store.append("later-version", [{ id: randomUUID(), type: "SomethingLater", data: {}, metadata }]);
    await index.catchUp();
    const model = HISTORY.reduce(evolveWriteModel, initialWriteModel());
    expect(answers(index)).toEqual(answers(writeStateOf(model)));
    // The fold is not trivial: the first record of d1 won, d2 is voided, the void of d9 is nothing.
    expect(index.distribution(uuid(1))).toEqual({ cboId: "ashodaya-samithi", submissionId: uuid(0x51), voided: false });
    expect(index.distribution(uuid(2))?.voided).toBe(true);
    expect(index.distribution(uuid(9))).toBeUndefined();
    expect(answers(index.withDistributions(IDS))).toEqual(answers(writeStateOf(model)));

    // Events this process appended are applied without reading them back.
    const more = [voided(1)];
    const head = await store.headPosition();
    const [result] = await append(store, more);
    const [first] = (await store.readAll({ after: head, maxCount: 1 })).events;
    await index.noteAppended(more, { firstEventId: first!.id, lastPosition: result!.lastPosition });
    expect(index.distribution(uuid(1))?.voided).toBe(true);
    index.close();
    await store.close();
  });
});

/** HISTORY and then: a record of the id voided before it existed, voids of an older and a newer row. */
const LATER: LedgerEvent[] = [recorded(9, 0x53), voided(1), recorded(3, 0x54), voided(3), recorded(2, 0x55)];

/** Appends one event and tells the index, as handleCommand does after its append. */
async function appendNoted(store: EventStore, index: WriteIndex, event: LedgerEvent): Promise<void> {
  const head = await store.headPosition();
  const [result] = await append(store, [event]);
  const [first] = (await store.readAll({ after: head, maxCount: 1 })).events;
  await index.noteAppended([event], { firstEventId: first!.id, lastPosition: result!.lastPosition });
}

/** The index file as a SIGKILL now would leave it: what was written, not what was held in memory. */
function copyAsKilled(from: string, to: string): void {
  for (const suffix of ["", "-wal"]) if (existsSync(from + suffix)) copyFileSync(from + suffix, to + suffix);
}

describe("write index rows held in memory (written at most every flush)", () => {
  const events = [...HISTORY, ...LATER];
  const model = events.reduce(evolveWriteModel, initialWriteModel());
  const never = { atRows: 1_000_000, afterMs: 3_600_000 };

  it.each([0, 6, 12, events.length])(
    "answers as the fold with the first %i events written and the rest in memory, and after a kill",
    async (writtenFirst) => {
      dir = mkdtempSync(join(tmpdir(), "ledger-write-index-"));
      const store = openSqliteEventStore({ file: join(dir, "events.db") });
      const file = join(dir, "index.db");
      const index = openWriteIndex(file, store, never);
      for (const [i, event] of events.entries()) {
        if (i === writtenFirst) index.flush();
        await appendNoted(store, index, event);
      }
      if (writtenFirst === events.length) index.flush();
      expect(answers(index)).toEqual(answers(writeStateOf(model)));
      expect(answers(index.withDistributions(IDS))).toEqual(answers(writeStateOf(model)));
      // Not trivial: d9 was voided before it was recorded, d1 and d3 after.
      expect(index.distribution(uuid(9))?.voided).toBe(false);
      expect(index.distribution(uuid(1))?.voided).toBe(true);
      expect(index.withDistributions([uuid(3)]).distribution(uuid(3))?.voided).toBe(true);

      // Killed now, the next start finds the file behind the log and catches up from it.
      copyAsKilled(file, join(dir, "killed.db"));
      const restarted = openWriteIndex(join(dir, "killed.db"), store);
      await restarted.catchUp();
      expect(answers(restarted)).toEqual(answers(writeStateOf(model)));
      restarted.close();

      // And a clean stop writes what was in memory.
      index.close();
      const reopened = openWriteIndex(file, store, never);
      expect(answers(reopened)).toEqual(answers(writeStateOf(model)));
      reopened.close();
      await store.close();
    },
  );

  it("writes once it holds atRows rows, without waiting for the timer", async () => {
    dir = mkdtempSync(join(tmpdir(), "ledger-write-index-"));
    const store = openSqliteEventStore({ file: join(dir, "events.db") });
    const file = join(dir, "index.db");
    const index = openWriteIndex(file, store, { atRows: 3, afterMs: 3_600_000 });
    for (const event of HISTORY.slice(0, 3)) await appendNoted(store, index, event);
    copyAsKilled(file, join(dir, "killed.db"));
    const killed = openWriteIndex(join(dir, "killed.db"), {
      ...store,
      readAll: () => Promise.reject(new Error("read")),
    });
    expect(answers(killed).cbos).toEqual([true, true, false, false]);
    expect(answers(killed).donors).toEqual([false, false, true, false]);
    killed.close();
    index.close();
    await store.close();
  });
});
