import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSqliteEventStore, WrongExpectedRevisionError, type EventStore } from "@relief-ledger/event-store";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { catchUpIndex } from "../merkle-index/catch-up.js";
import { openMerkleIndex } from "../merkle-index/merkle-index.js";
import type { MerkleIndex } from "../merkle-index/types.js";
import { generateSigningKeyPem, signingKeyFromPem } from "../signing/signing-key.js";
import { verifyHead } from "../signing/tree-head.js";
import { logEvents } from "../testing/events.testkit.js";
import { readRecordedHeads } from "./read-heads.js";
import { signNextHead } from "./sign-next-head.js";

const dir = mkdtempSync(join(tmpdir(), "ledger-sign-head-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const key = signingKeyFromPem(generateSigningKeyPem());
let store: EventStore;
let index: MerkleIndex;
let run = 0;

beforeEach(async () => {
  run++;
  store = openSqliteEventStore({ file: join(dir, `events-${run}.db`) });
  index = openMerkleIndex(join(dir, `index-${run}.db`));
  return async () => {
    index.close();
    await store.close();
  };
});

const write = async (count: number, from: number) => {
  for (const event of logEvents(count, from)) {
    await store.append(event.stream, [{ id: event.id, type: event.type, data: event.data }]);
  }
};

describe("signNextHead", () => {
  it("signs the index's size and root into ledger-heads, one revision after the last head", async () => {
    await write(10, 0);
    await catchUpIndex(store, index);
    const first = await signNextHead({ store, index, key });
    expect(first).toMatchObject({ signed: true, revision: 0, head: { treeSize: 10, keyId: key.keyId } });
    expect(first.signed && first.position).toBe(await store.headPosition());
    expect(first.signed && first.head.rootHash).toBe(index.root(10).toString("hex"));
    await write(5, 10);
    await catchUpIndex(store, index);
    const second = await signNextHead({ store, index, key });
    expect(second).toMatchObject({ signed: true, revision: 1, head: { treeSize: 16 } });
    const heads = await readRecordedHeads(store);
    expect(heads.map(({ head }) => head?.treeSize)).toEqual([10, 16]);
    for (const { head } of heads) expect(verifyHead(head, key.publicKey)).toBe(true);
    const [recorded] = await store.readStream("ledger-heads");
    expect(recorded?.metadata).toMatchObject({ principal: { role: "system", keyId: key.keyId }, schemaVersion: 1 });
  });

  it("does not sign an empty index or a size already signed", async () => {
    expect(await signNextHead({ store, index, key })).toEqual({ signed: false, reason: "the index is empty" });
    await write(3, 0);
    await catchUpIndex(store, index);
    await signNextHead({ store, index, key });
    expect(await signNextHead({ store, index, key })).toMatchObject({
      signed: false,
      reason: "size 3 is already signed",
    });
  });

  it("refuses to sign a tree that does not extend the last signed head, or fewer leaves than it", async () => {
    await write(6, 0);
    await catchUpIndex(store, index);
    await signNextHead({ store, index, key });
    const rewritten = openMerkleIndex(join(dir, `rewritten-${run}.db`));
    rewritten.append(logEvents(8, 100).map((event, i) => ({ ...event, position: BigInt(i + 1) })));
    await expect(signNextHead({ store, index: rewritten, key })).rejects.toThrow(
      /does not extend the head signed at size 6/,
    );
    const short = openMerkleIndex(join(dir, `short-${run}.db`));
    short.append(logEvents(4, 0));
    await expect(signNextHead({ store, index: short, key })).rejects.toThrow(/has 4 leaves, fewer than the 6/);
    rewritten.close();
    short.close();
  });

  it("lets only one of two racing signers append", async () => {
    await write(4, 0);
    await catchUpIndex(store, index);
    const results = await Promise.allSettled([
      signNextHead({ store, index, key }),
      signNextHead({ store, index, key }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected");
    expect(rejected?.reason).toBeInstanceOf(WrongExpectedRevisionError);
    expect(await readRecordedHeads(store)).toHaveLength(1);
  });
});
