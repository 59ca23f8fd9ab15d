import { assertInvariant } from "@relief-ledger/domain";

/** 32-bit words per id: a UUID's 128 bits. */
const WORDS = 4;
const EMPTY = -1;

/** The value of a lowercase hex digit's char code, or -1. */
const hexValue = (c: number): number => (c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1);

/** Mixes four words into a table slot's hash (murmur3's finaliser over their xor-folded sum). */
function hashOf(w0: number, w1: number, w2: number, w3: number): number {
  let h = Math.imul(w0 ^ Math.imul(w1, 0x85ebca6b) ^ Math.imul(w2, 0xc2b2ae35) ^ Math.imul(w3, 0x27d4eb2f), 1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * The distributions' ids, each kept as its 16 bytes (four 32-bit words) in one typed array and
 * found through an open-addressing table of row numbers: ~24 bytes an id instead of a string and
 * a `Map` entry (~130 bytes). Ids are the ledger's lowercase UUIDs (the event's schema holds them
 * to one spelling), so the text comes back exactly, and word order is text order.
 */
export class DistributionIds {
  #words = new Uint32Array(1_024 * WORDS);
  #length = 0;
  #slots = new Int32Array(2_048).fill(EMPTY);
  readonly #scratch = new Uint32Array(WORDS);

  get length(): number {
    return this.#length;
  }

  /** The row of `id`, or -1 when it was never added. */
  find(id: string): number {
    this.#parse(id);
    return this.#slots[this.#probe()]!;
  }

  /** Adds `id` as the next row and returns that row; returns -1 - row when it was there already. */
  add(id: string): number {
    this.#parse(id);
    const slot = this.#probe();
    const found = this.#slots[slot]!;
    if (found !== EMPTY) return -1 - found;
    const row = this.#length;
    if ((row + 1) * WORDS > this.#words.length) {
      const grown = new Uint32Array(this.#words.length * 2);
      grown.set(this.#words);
      this.#words = grown;
    }
    this.#words.set(this.#scratch, row * WORDS);
    this.#length = row + 1;
    this.#slots[slot] = row;
    // At most half full, so a probe ends after a few slots.
    if (this.#length * 2 > this.#slots.length) this.#grow();
    return row;
  }

  /**
   * Frees the index once no id will be looked up again (the write phase reads rows, never ids): at
   * 1,000,000 ids its table is 8 MiB. `find` and `add` are refused after.
   */
  dropIndex(): void {
    this.#slots = new Int32Array(0);
  }

  /** The id of `row`, as text. */
  text(row: number): string {
    if (!(row >= 0 && row < this.#length)) assertInvariant(false, "an id is read only from a row that exists", { row });
    const w = this.#words;
    const hex =
      w[row * WORDS]!.toString(16).padStart(8, "0") +
      w[row * WORDS + 1]!.toString(16).padStart(8, "0") +
      w[row * WORDS + 2]!.toString(16).padStart(8, "0") +
      w[row * WORDS + 3]!.toString(16).padStart(8, "0");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  /** Orders two rows as their ids' text orders (code-unit order, SQLite's BINARY). */
  compare(a: number, b: number): number {
    const w = this.#words;
    for (let k = 0; k < WORDS; k++) {
      const x = w[a * WORDS + k]!;
      const y = w[b * WORDS + k]!;
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  }

  /** The rows in id order. */
  sorted(): Int32Array {
    const order = new Int32Array(this.#length);
    for (let i = 0; i < order.length; i++) order[i] = i;
    return order.sort((a, b) => this.compare(a, b));
  }

  #parse(id: string): void {
    let valid = id.length === 36;
    let word = 0;
    let digits = 0;
    for (let k = 0; valid && k < 36; k++) {
      const c = id.charCodeAt(k);
      if (k === 8 || k === 13 || k === 18 || k === 23) {
        valid = c === 45;
        continue;
      }
      const v = hexValue(c);
      valid = v >= 0;
      word = word * 16 + v;
      if (++digits % 8 === 0) {
        this.#scratch[digits / 8 - 1] = word;
        word = 0;
      }
    }
    // The event's schema checked it already; a second spelling of one id would split it in two.
    if (!valid) assertInvariant(false, "a distribution id is a lowercase UUID", { length: id.length });
  }

  /** The slot holding the scratch id, or the empty slot where it would go. */
  #probe(): number {
    assertInvariant(this.#slots.length > 0, "ids are looked up only while the index is kept", {});
    const s = this.#scratch;
    const mask = this.#slots.length - 1;
    const w = this.#words;
    for (let slot = hashOf(s[0]!, s[1]!, s[2]!, s[3]!) & mask; ; slot = (slot + 1) & mask) {
      const row = this.#slots[slot]!;
      if (row === EMPTY) return slot;
      const at = row * WORDS;
      if (w[at] === s[0] && w[at + 1] === s[1] && w[at + 2] === s[2] && w[at + 3] === s[3]) return slot;
    }
  }

  #grow(): void {
    const slots = new Int32Array(this.#slots.length * 2).fill(EMPTY);
    const mask = slots.length - 1;
    const w = this.#words;
    for (let row = 0; row < this.#length; row++) {
      const at = row * WORDS;
      let slot = hashOf(w[at]!, w[at + 1]!, w[at + 2]!, w[at + 3]!) & mask;
      while (slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      slots[slot] = row;
    }
    this.#slots = slots;
  }
}
