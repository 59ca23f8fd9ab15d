import { EVENT_TYPES } from "@relief-ledger/domain";
import { EXAMPLE_DATA, EXAMPLE_METADATA } from "@relief-ledger/domain/testing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalize, canonicalJson, plainCanonicalJson, quote } from "./canonical-json.js";
import { generalLeafJson, leafJson, type LeafEvent } from "./leaf-json.js";

// The fast serialiser must give exactly the general RFC 8785 serialiser's bytes, or every root,
// proof and signed head would change: these properties hold it to that.

const outcome = (serialise: () => string | undefined) => {
  try {
    return { text: serialise() };
  } catch {
    return { threw: true };
  }
};

// Keys and strings from the whole of Unicode, lone surrogates included, so the key order (UTF-16
// code units) and the string escapes are exercised, not just ASCII.
const json = fc.jsonValue({ maxDepth: 4, stringUnit: "binary" });
const jsonObject = fc.dictionary(fc.string({ unit: "binary", maxLength: 6 }), json, { maxKeys: 8 });

/** An event's data with its members reordered and its values replaced by others of the same kind. */
const variedData = (data: object): fc.Arbitrary<Record<string, unknown>> => {
  const vary = (value: unknown): fc.Arbitrary<unknown> => {
    if (typeof value === "string") return fc.oneof(fc.constant(value), fc.string({ unit: "binary" }));
    if (typeof value === "number")
      return fc.oneof(fc.constant(value), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
    if (Array.isArray(value)) return fc.tuple(...value.map(vary));
    if (typeof value === "object" && value !== null) {
      const entries = Object.entries(value);
      return fc
        .tuple(fc.shuffledSubarray(entries, { minLength: entries.length }), ...entries.map(([, v]) => vary(v)))
        .map(([order, ...values]) => {
          const varied = new Map(entries.map(([key], i) => [key, values[i]]));
          return Object.fromEntries(order.map(([key]) => [key, varied.get(key)]));
        });
    }
    return fc.constant(value);
  };
  return vary(data) as fc.Arbitrary<Record<string, unknown>>;
};

const leafOf = (type: string, data: Record<string, unknown>, metadata: Record<string, unknown>): LeafEvent => ({
  stream: `stream-${type}`,
  revision: 7,
  type,
  id: "0b9e0f7e-4d61-4c3b-9a39-2f1f6f0c8a11",
  data,
  metadata,
  recordedAt: "2025-01-02T03:04:05.678Z",
});

const generalLeaf = (event: LeafEvent, format: 1 | 2) => {
  const { stream, revision, type, id, data, metadata, recordedAt } = event;
  return format === 1
    ? generalLeafJson({ stream, revision, type, id, data, recordedAt })
    : generalLeafJson({ leafFormat: 2, stream, revision, type, id, data, metadata, recordedAt });
};

describe("the fast canonical JSON", () => {
  it("equals the general RFC 8785 serialiser on any JSON value", () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(plainCanonicalJson(value)).toBe(canonicalize(value));
      }),
      { numRuns: 2_000 },
    );
  });

  it("gives the general serialiser's answer, or its refusal, for any value at all", () => {
    fc.assert(
      fc.property(
        fc.anything({
          withBigInt: true,
          withDate: true,
          withMap: true,
          withNullPrototype: true,
          withSparseArray: true,
          withTypedArray: true,
          withBoxedValues: true,
        }),
        (value) => {
          const general = outcome(() => {
            const text = canonicalize(value);
            if (text === undefined) throw new TypeError("no JSON form");
            return text;
          });
          expect(outcome(() => canonicalJson(value))).toEqual(general);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it("leaves what is not plain JSON to the general serialiser: toJSON, undefined members, holes, -0 and non-finite numbers", () => {
    const dated = { at: new Date(0), n: 1 };
    expect(plainCanonicalJson(dated)).toBeUndefined();
    expect(canonicalJson(dated)).toBe(canonicalize(dated));
    const keyNamedToJson = { toJSON: "x", a: 1 };
    expect(canonicalJson(keyNamedToJson)).toBe('{"a":1,"toJSON":"x"}');
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    // eslint-disable-next-line no-sparse-arrays
    expect(canonicalJson([1, , 2])).toBe(canonicalize([1, , 2]));
    expect(canonicalJson({ z: -0, a: 1e21, m: 5e-7 })).toBe('{"a":1e+21,"m":5e-7,"z":0}');
    expect(() => canonicalJson({ n: Number.NaN })).toThrow();
    expect(() => canonicalJson({ n: Number.POSITIVE_INFINITY })).toThrow();
    expect(() => canonicalJson({ n: 1n })).toThrow();
  });

  it("quotes strings as JSON.stringify does: quotes, backslashes, controls and lone surrogates escaped", () => {
    for (const text of ['a"b', "a\\b", "\u0000\u001f\u007f", "\ud800x", "x\udfff", "\u{1F600}", "\u2028", "é", ""]) {
      expect(quote(text)).toBe(JSON.stringify(text));
    }
    fc.assert(
      fc.property(
        fc.string({ unit: "binary" }),
        fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }),
        (a, b) => {
          expect(quote(a)).toBe(JSON.stringify(a));
          expect(quote(b)).toBe(JSON.stringify(b));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it("orders members by UTF-16 code units, whatever order an object has them in", () => {
    expect(canonicalJson({ "\u{1F600}": 1, "\uFB33": 2, b: 3, a: 4, "10": 5, "9": 6 })).toBe(
      '{"10":5,"9":6,"a":4,"b":3,"\u{1F600}":1,"\uFB33":2}',
    );
  });

  it("stays exact past its bound on remembered shapes", () => {
    // Far more distinct shapes than the trie keeps (4,096 nodes), each checked.
    for (let i = 0; i < 6_000; i++) {
      const value = { [`k${i}`]: i, [`j${i % 97}`]: [i, { [`x${i}`]: null, a: true }], z: "z" };
      expect(plainCanonicalJson(value)).toBe(canonicalize(value));
    }
  });
});

describe("leaf bytes through the fast serialiser", () => {
  it("take the fast path for the data of every event type, including types added later", () => {
    // EXAMPLE_DATA is typed to hold every type of the catalogue, so a new type cannot be left out.
    for (const type of EVENT_TYPES) {
      expect(plainCanonicalJson(EXAMPLE_DATA[type]), type).toBe(canonicalize(EXAMPLE_DATA[type]));
    }
    expect(plainCanonicalJson(EXAMPLE_METADATA)).toBe(canonicalize(EXAMPLE_METADATA));
  });

  it("equal the general serialiser's leaf for generated events of every type, in both formats", () => {
    const events = fc.oneof(
      ...EVENT_TYPES.map((type) =>
        fc
          .tuple(variedData(EXAMPLE_DATA[type]), variedData(EXAMPLE_METADATA))
          .map(([data, metadata]) => leafOf(type, data, metadata)),
      ),
    );
    fc.assert(
      fc.property(events, fc.constantFrom(1 as const, 2 as const), (event, format) => {
        expect(leafJson(event, format)).toBe(generalLeaf(event, format));
      }),
      { numRuns: 2_000 },
    );
  });

  it("equal the general serialiser's leaf for events of unknown types with any JSON data", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.nat(), jsonObject, jsonObject, (type, revision, data, metadata) => {
        const event = { ...leafOf(type, data, metadata), revision };
        expect(leafJson(event, 2)).toBe(generalLeaf(event, 2));
        expect(leafJson(event, 1)).toBe(generalLeaf(event, 1));
      }),
      { numRuns: 1_000 },
    );
  });
});
