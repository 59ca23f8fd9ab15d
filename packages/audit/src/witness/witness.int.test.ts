import { generateKeyPairSync, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LedgerHeadSigned } from "@relief-ledger/domain";
import { openSqliteEventStore, type EventStore } from "@relief-ledger/event-store";
import { afterAll, describe, expect, it } from "vitest";
import { signNextHead } from "../heads/sign-next-head.js";
import { catchUpIndex } from "../merkle-index/catch-up.js";
import { openMerkleIndex } from "../merkle-index/merkle-index.js";
import type { MerkleIndex } from "../merkle-index/types.js";
import { buildConsistencyBundle } from "../proof-file/build.js";
import { formatCheckpoint, parseSignedNote } from "../signing/checkpoint.js";
import { publicKeysById } from "../signing/public-key.js";
import { generateSigningKeyPem, signingKeyFromPem, type SigningKey } from "../signing/signing-key.js";
import { parseWitnessVkey, verifyCosignature, witnessVkey } from "./cosignature.js";
import { witnessRound, type WitnessOutcome } from "./witness.js";

const dir = mkdtempSync(join(tmpdir(), "ledger-witness-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const operator = signingKeyFromPem(generateSigningKeyPem());
const witnessKey = generateKeyPairSync("ed25519").privateKey;
const witness = { name: "auditor.example/witness", privateKey: witnessKey };
const ORIGIN = "ledger.coalition.example/relief";

/** A ledger the witness talks to, as the query service would answer for it. */
class Log {
  readonly store: EventStore;
  readonly index: MerkleIndex;
  heads: LedgerHeadSigned[] = [];
  constructor(name: string) {
    this.store = openSqliteEventStore({ file: join(dir, `${name}-events.db`) });
    this.index = openMerkleIndex(join(dir, `${name}-index.db`));
  }
  async grow(count: number, key: SigningKey = operator): Promise<void> {
    for (let i = 0; i < count; i++) {
      await this.store.append(`cbo-${i % 3}`, [{ id: randomUUID(), type: "KitDistributed", data: { i } }]);
    }
    await catchUpIndex(this.store, this.index);
    const signed = await signNextHead({ store: this.store, index: this.index, key, origin: ORIGIN });
    if (!signed.signed) throw new Error(signed.reason);
    this.heads.push(signed.head);
    await catchUpIndex(this.store, this.index);
  }
  round(kept: string | undefined): Promise<WitnessOutcome> {
    return witnessRound({
      fetchCheckpoint: async () => formatCheckpoint(this.heads.at(-1)!, operator.publicKey),
      fetchConsistency: async (from, to) =>
        buildConsistencyBundle(
          this.index,
          this.heads.find((h) => h.treeSize === from) ?? { ...this.heads[0]!, treeSize: from },
          this.heads.find((h) => h.treeSize === to)!,
        ),
      operatorKeys: publicKeysById([operator.publicKey]),
      witness,
      ...(kept !== undefined && { kept }),
      now: () => 1_764_115_200,
    });
  }
}

const cosignedBy = (checkpoint: string): number | undefined => {
  const note = parseSignedNote(checkpoint)!;
  const identity = parseWitnessVkey(witnessVkey({ name: witness.name, publicKey: witnessKey }));
  return note.signatures.map((line) => verifyCosignature(note.body, line, identity)).find((t) => t !== undefined);
};

describe("a witness", () => {
  it("cosigns honest growth, checking each new checkpoint against the one it kept", async () => {
    const log = new Log("honest");
    await log.grow(10);
    const first = await log.round(undefined);
    expect(first).toMatchObject({ kind: "cosigned", head: { treeSize: 10, origin: ORIGIN } });
    if (first.kind !== "cosigned") return;
    expect(cosignedBy(first.checkpoint)).toBe(1_764_115_200);
    await log.grow(7);
    const second = await log.round(first.checkpoint);
    expect(second).toMatchObject({ kind: "cosigned", from: 10, head: { treeSize: 18 } });
    // Asked again with nothing new: the same head, cosigned again.
    if (second.kind !== "cosigned") return;
    expect(await log.round(second.checkpoint)).toMatchObject({ kind: "cosigned", head: { treeSize: 18 } });
  });

  it("refuses a forked head, returning both heads and the failed proof as evidence", async () => {
    const honest = new Log("fork-a");
    await honest.grow(12);
    const kept = await honest.round(undefined);
    if (kept.kind !== "cosigned") throw new Error("not cosigned");
    // The operator signs another history: same key, same origin, one event different, longer.
    const fork = new Log("fork-b");
    await fork.grow(12);
    await fork.grow(5);
    const refused = await fork.round(kept.checkpoint);
    expect(refused).toMatchObject({
      kind: "inconsistent",
      kept: { treeSize: 12, rootHash: kept.head.rootHash },
      received: { treeSize: 18 },
      reason: expect.stringMatching(/does not extend/),
    });
    if (refused.kind !== "inconsistent") return;
    expect(refused.evidence).toMatchObject({ format: "relief-ledger/consistency-proof/v1" });
    expect(refused.receivedCheckpoint).toMatch(/^ledger\.coalition\.example\/relief\n18\n/);
  });

  it("refuses a smaller head, or another root of the same size, and a checkpoint another key signed", async () => {
    const log = new Log("rollback");
    await log.grow(6);
    await log.grow(4);
    const kept = await log.round(undefined);
    if (kept.kind !== "cosigned") throw new Error("not cosigned");
    log.heads.pop();
    expect(await log.round(kept.checkpoint)).toMatchObject({ kind: "inconsistent", reason: /fewer than the 11/ });
    const other = new Log("same-size");
    await other.grow(6);
    await other.grow(4);
    expect(await other.round(kept.checkpoint)).toMatchObject({ kind: "inconsistent", reason: /two different roots/ });
    const stranger = signingKeyFromPem(generateSigningKeyPem());
    const forged = new Log("stranger");
    await forged.grow(3, stranger);
    await expect(forged.round(undefined)).rejects.toThrow(/not signed by any operator key/);
  });

  it("has a verifier key that round-trips, and refuses one whose id does not match", () => {
    const vkey = witnessVkey({ name: witness.name, publicKey: witnessKey });
    expect(vkey).toMatch(/^auditor\.example\/witness\+[0-9a-f]{8}\+[A-Za-z0-9+/]{43}[A-Za-z0-9+/=]+$/);
    expect(parseWitnessVkey(vkey).name).toBe(witness.name);
    expect(() => parseWitnessVkey(vkey.replace(/\+[0-9a-f]{8}\+/, "+00000000+"))).toThrow(/id does not match/);
  });
});
