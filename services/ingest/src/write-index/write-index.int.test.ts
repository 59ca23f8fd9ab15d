import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
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
import { openWriteIndex } from "./write-index.js";

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
