import canonicalizeModule from "canonicalize";

// canonicalize is CommonJS typed as if it had an ES default export. Under Node's ESM interop the
// default import is module.exports itself, the function, while TypeScript (and a bundler) expects
// `.default` (and a bundler may give either): accept both rather than bet on one loader's interop.
type Canonicalize = (input: unknown) => string | undefined;
const imported = canonicalizeModule as unknown as Canonicalize | { default: Canonicalize };
/** The general RFC 8785 serialiser: the reference every faster path must equal byte for byte. */
export const canonicalize: Canonicalize = typeof imported === "function" ? imported : imported.default;

/**
 * Thrown inside the fast path for anything that is not plain JSON data (undefined, a function, a
 * symbol, a bigint, a non-finite number, an object with toJSON, a sparse array): the caller then
 * hands the whole value to the general serialiser, so such values keep exactly its output (or its
 * error), quirks included.
 */
// One instance, made once: it never leaves this module, so it needs no stack of its own.
const NOT_PLAIN = new Error("not plain JSON");

/**
 * The sorted member order of an object shape, with each member's `"key":` already serialised.
 * Found by walking the object's own keys, in the order it has them, down a trie: objects of one
 * event type come from one schema or one JSON.parse path, so a handful of shapes cover a whole log
 * and the keys are sorted once per shape instead of once per object. Any object, of any event
 * type (including ones added later), takes this path: a new shape just adds a trie branch.
 */
interface ShapeNode {
  next: Map<string, ShapeNode>;
  plan?: { keys: string[]; prefixes: string[] };
}

// Bounds the trie's memory whatever the input (a tampered store may hold any keys): past this
// many nodes, shapes not yet seen are sorted each time instead of remembered.
const MAX_SHAPE_NODES = 4_096;
const shapes: ShapeNode = { next: new Map() };
let shapeNodes = 0;

function planOf(keys: string[]): { keys: string[]; prefixes: string[] } {
  let node: ShapeNode | undefined = shapes;
  for (let i = 0; i < keys.length && node !== undefined; i++) {
    const key = keys[i]!;
    let child: ShapeNode | undefined = node.next.get(key);
    if (child === undefined && shapeNodes < MAX_SHAPE_NODES) {
      child = { next: new Map() };
      node.next.set(key, child);
      shapeNodes++;
    }
    node = child;
  }
  if (node?.plan !== undefined) return node.plan;
  // Array.prototype.sort without a comparator orders by UTF-16 code units, as RFC 8785 §3.2.3 asks.
  const sorted = keys.slice().sort();
  const plan = { keys: sorted, prefixes: sorted.map((key) => `${JSON.stringify(key)}:`) };
  if (node !== undefined) node.plan = plan;
  return plan;
}

// What JSON.stringify escapes in a string: '"', '\\', controls below U+0020 and lone surrogates
// (paired ones are left to it too). Ids, pseudonyms and dates have none, and quoting them bare
// skips its per-call cost.
// eslint-disable-next-line no-control-regex -- the controls are exactly what must be found
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A string as JSON.stringify (and so RFC 8785) writes it. */
export const quote = (text: string): string => (ESCAPED.test(text) ? JSON.stringify(text) : `"${text}"`);

function plainValue(value: unknown): string {
  switch (typeof value) {
    case "string":
      return quote(value);
    case "number":
      // ES Number::toString is RFC 8785's number form for every finite number (-0 gives "0").
      if (!Number.isFinite(value)) throw NOT_PLAIN;
      return `${value}`;
    case "boolean":
      return value ? "true" : "false";
    case "object":
      if (value === null) return "null";
      if (Array.isArray(value)) return plainArray(value);
      return plainObject(value as Record<string, unknown>);
    case "bigint":
    case "function":
    case "symbol":
    case "undefined":
      throw NOT_PLAIN;
  }
}

function plainArray(array: readonly unknown[]): string {
  let out = "[";
  for (let i = 0; i < array.length; i++) {
    const item = array[i];
    if (item === undefined) throw NOT_PLAIN; // a hole or an undefined: the general serialiser decides
    if (i > 0) out += ",";
    out += plainValue(item);
  }
  return `${out}]`;
}

function plainObject(object: Record<string, unknown>): string {
  if (object.toJSON !== undefined) throw NOT_PLAIN;
  const { keys, prefixes } = planOf(Object.keys(object));
  let out = "{";
  for (let i = 0; i < keys.length; i++) {
    const member = object[keys[i]!];
    if (member === undefined) throw NOT_PLAIN;
    if (i > 0) out += ",";
    out += prefixes[i]! + plainValue(member);
  }
  return `${out}}`;
}

/**
 * The RFC 8785 serialisation of plain JSON data, or undefined when the value is anything else (then
 * use the general serialiser). Byte-identical to `canonicalize` wherever it answers: the property
 * tests in canonical-json.test.ts hold it to that over generated values and every event type.
 */
export function plainCanonicalJson(value: unknown): string | undefined {
  try {
    return plainValue(value);
  } catch (error) {
    if (error === NOT_PLAIN) return undefined;
    throw error;
  }
}

/** RFC 8785 canonical JSON: the one serialisation of a value, for anything hashed or signed. */
export function canonicalJson(value: unknown): string {
  const text = plainCanonicalJson(value) ?? canonicalize(value);
  if (text === undefined) throw new TypeError("the value has no JSON form");
  return text;
}
