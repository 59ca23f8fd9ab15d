import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { eventLeafHash, leafBytes, leafFormatAt, type LeafEvent } from "./leaf.js";

const event: LeafEvent = {
  stream: "household-7",
  revision: 2,
  type: "KitDistributed",
  id: "0b9e0f7e-4d61-4c3b-9a39-2f1f6f0c8a11",
  data: { site: "École Nord", kits: 3, items: [{ sku: "rice", kg: 2.5 }], ok: true, note: null },
  metadata: { principal: { role: "cbo", cboId: "cbo-1" }, correlationId: "c-1", schemaVersion: 1 },
  recordedAt: "2025-01-02T03:04:05.678Z",
};

describe("event leaf bytes, format 2", () => {
  it("are the RFC 8785 canonical JSON of the leaf format and every stored field but the position", () => {
    expect(leafBytes(event).toString("utf8")).toBe(
      '{"data":{"items":[{"kg":2.5,"sku":"rice"}],"kits":3,"note":null,"ok":true,"site":"École Nord"},' +
        '"id":"0b9e0f7e-4d61-4c3b-9a39-2f1f6f0c8a11","leafFormat":2,' +
        '"metadata":{"correlationId":"c-1","principal":{"cboId":"cbo-1","role":"cbo"},"schemaVersion":1},' +
        '"recordedAt":"2025-01-02T03:04:05.678Z","revision":2,"stream":"household-7","type":"KitDistributed"}',
    );
  });

  it("change when the metadata changes, and are refused without it", () => {
    const edited = { ...event, metadata: { ...event.metadata, principal: { role: "cbo", cboId: "cbo-2" } } };
    expect(leafBytes(edited)).not.toEqual(leafBytes(event));
    expect(() => leafBytes({ ...event, metadata: undefined })).toThrow(/metadata/);
  });

  it("are format 1 below the cut-over and format 2 from it", () => {
    expect([leafFormatAt(0, 0), leafFormatAt(4, 5), leafFormatAt(5, 5)]).toEqual([2, 1, 2]);
    expect(leafBytes(event, 1)).not.toEqual(leafBytes(event, 2));
  });
});

describe("event leaf bytes, format 1 (ledgers signed before format 2)", () => {
  it("are the RFC 8785 canonical JSON of the six committed fields", () => {
    expect(leafBytes(event, 1).toString("utf8")).toBe(
      '{"data":{"items":[{"kg":2.5,"sku":"rice"}],"kits":3,"note":null,"ok":true,"site":"École Nord"},' +
        '"id":"0b9e0f7e-4d61-4c3b-9a39-2f1f6f0c8a11","recordedAt":"2025-01-02T03:04:05.678Z",' +
        '"revision":2,"stream":"household-7","type":"KitDistributed"}',
    );
  });

  it("encode as UTF-8", () => {
    const bytes = leafBytes({ ...event, data: { site: "é" } }, 1);
    expect(bytes.includes(Buffer.from([0xc3, 0xa9]))).toBe(true);
  });

  it("do not depend on the order of keys, in the event or in its data", () => {
    const reordered: LeafEvent = {
      recordedAt: event.recordedAt,
      data: { ok: true, note: null, items: [{ kg: 2.5, sku: "rice" }], kits: 3, site: "École Nord" },
      id: event.id,
      type: event.type,
      revision: event.revision,
      stream: event.stream,
    };
    expect(leafBytes(reordered, 1)).toEqual(leafBytes(event, 1));
  });

  it("leave out position, metadata and anything else a recorded event carries", () => {
    const recorded = { ...event, position: 42n, metadata: { correlationId: "c-1" }, extra: "x" };
    expect(leafBytes(recorded, 1)).toEqual(leafBytes(event, 1));
    expect(Object.keys(JSON.parse(leafBytes(recorded, 1).toString("utf8")) as object)).toEqual([
      "data",
      "id",
      "recordedAt",
      "revision",
      "stream",
      "type",
    ]);
  });

  it("change when any committed field changes", () => {
    const variants: LeafEvent[] = [
      { ...event, stream: "household-8" },
      { ...event, revision: 3 },
      { ...event, type: "KitReturned" },
      { ...event, id: "0b9e0f7e-4d61-4c3b-9a39-2f1f6f0c8a12" },
      { ...event, data: { ...event.data, kits: 4 } },
      { ...event, recordedAt: "2025-01-02T03:04:05.679Z" },
    ];
    const all = new Set([event, ...variants].map((e) => leafBytes(e, 1).toString("hex")));
    expect(all.size).toBe(variants.length + 1);
  });

  it("hash as an RFC 6962 leaf", () => {
    const expected = createHash("sha256")
      .update(Buffer.from([0]))
      .update(leafBytes(event, 1))
      .digest();
    expect(eventLeafHash(event, 1)).toEqual(expected);
  });

  it("refuse events that cannot be committed to faithfully", () => {
    expect(() => leafBytes({ ...event, revision: 1.5 })).toThrow(TypeError);
    expect(() => leafBytes({ ...event, stream: undefined } as unknown as LeafEvent)).toThrow(TypeError);
    expect(() => leafBytes({ ...event, data: [] as unknown as LeafEvent["data"] })).toThrow(TypeError);
    expect(() => leafBytes({ ...event, data: { n: Number.NaN } })).toThrow();
    expect(() => leafBytes({ ...event, data: { n: 1n } })).toThrow();
  });
});
