import { createHash, createPublicKey, verify } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSqliteEventStore } from "@relief-ledger/event-store";
import { afterAll, describe, expect, it } from "vitest";
import { signNextHead } from "../heads/sign-next-head.js";
import { catchUpIndex } from "../merkle-index/catch-up.js";
import { openMerkleIndex } from "../merkle-index/merkle-index.js";
import { logEvents } from "../testing/events.testkit.js";
import { formatCheckpoint } from "./checkpoint.js";
import { publicKeyPem } from "./public-key.js";
import { generateSigningKeyPem, signingKeyFromPem } from "./signing-key.js";

const dir = mkdtempSync(join(tmpdir(), "ledger-checkpoint-interop-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * An independent reader of c2sp.org/signed-note and c2sp.org/tlog-checkpoint, written from the
 * specifications with node:crypto alone: nothing of the project's own parsing or signing is used.
 */
function readCheckpointIndependently(note: string, origin: string, operatorSpkiPem: string) {
  const separator = note.lastIndexOf("\n\n");
  const text = note.slice(0, separator + 1); // the note text includes its final newline
  const [originLine, sizeLine, rootLine, end] = text.split("\n");
  // The 32 raw Ed25519 bytes are the last 32 of the 44-byte SubjectPublicKeyInfo DER.
  const der = createPublicKey(operatorSpkiPem).export({ type: "spki", format: "der" });
  const raw = der.subarray(der.length - 32);
  const keyId = createHash("sha256")
    .update(Buffer.concat([Buffer.from(`${origin}\n`, "utf8"), Buffer.from([0x01]), raw]))
    .digest()
    .subarray(0, 4);
  const lines = note.slice(separator + 2, -1).split("\n");
  const signatures = lines.map((line) => {
    const [dash, name, b64] = line.split(" ");
    return { dash, name, bytes: Buffer.from(b64!, "base64") };
  });
  const ours = signatures.find((s) => s.dash === "\u2014" && s.name === origin && s.bytes.subarray(0, 4).equals(keyId));
  const valid =
    ours !== undefined &&
    ours.bytes.length === 68 &&
    verify(null, Buffer.from(text, "utf8"), createPublicKey(operatorSpkiPem), ours.bytes.subarray(4));
  return {
    originLine,
    treeSize: Number(sizeLine),
    rootHex: Buffer.from(rootLine!, "base64").toString("hex"),
    end,
    valid,
  };
}

describe("a checkpoint the ledger writes, read by an independent implementation of the specs", () => {
  it("has the three lines and an Ed25519 note signature that node:crypto verifies", async () => {
    const store = openSqliteEventStore({ file: join(dir, "events.db") });
    for (const { stream, id, type, data, metadata } of logEvents(12))
      await store.append(stream, [{ id, type, data, metadata: metadata! }]);
    const index = openMerkleIndex(join(dir, "index.db"));
    await catchUpIndex(store, index);
    const key = signingKeyFromPem(generateSigningKeyPem());
    const origin = "ledger.coalition.example/relief";
    const signed = await signNextHead({ store, index, key, origin });
    if (!signed.signed) throw new Error(signed.reason);
    const note = formatCheckpoint(signed.head, key.publicKey);
    const read = readCheckpointIndependently(note, origin, publicKeyPem(key));
    expect(read).toEqual({
      originLine: origin,
      treeSize: 12,
      rootHex: index.root(12).toString("hex"),
      end: "",
      valid: true,
    });
    // And it fails when a byte of the signed text changes, or under another key.
    expect(readCheckpointIndependently(note.replace("\n12\n", "\n13\n"), origin, publicKeyPem(key)).valid).toBe(false);
    const stranger = signingKeyFromPem(generateSigningKeyPem());
    expect(readCheckpointIndependently(note, origin, publicKeyPem(stranger)).valid).toBe(false);
    index.close();
    await store.close();
  });
});
