// A small seeded PRNG (xoshiro128**) and a keyed hash to derive independent streams from a path
// of integers. Deriving a stream per member, per distribution and per submission is what lets the
// generator rebuild any part of the coalition on demand, in any order, and get the same bytes.

const rotl = (x: number, k: number): number => (x << k) | (x >>> (32 - k));

/** MurmurHash3's finaliser: every input bit affects every output bit. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** MurmurHash3 (x86, 32-bit) over 32-bit words, keyed by `salt`. */
export function hashWords(salt: number, words: readonly number[]): number {
  let h = salt >>> 0;
  for (const word of words) {
    let k = Math.imul(word | 0, 0xcc9e2d51);
    k = rotl(k, 15);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = rotl(h, 13);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  return fmix(h ^ (words.length * 4));
}

/** A seed may be any safe integer; it enters the hashes as two 32-bit words. */
const seedWords = (seed: number): [number, number] => {
  if (!Number.isSafeInteger(seed)) throw new RangeError("the seed must be a safe integer");
  return [seed >>> 0, Math.floor(seed / 2 ** 32) >>> 0];
};

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  private constructor(s0: number, s1: number, s2: number, s3: number) {
    // All-zero is xoshiro's one fixed point; four independent hashes reach it with odds 2^-128.
    this.s0 = s0 | 0 || 0x9e3779b9;
    this.s1 = s1 | 0;
    this.s2 = s2 | 0;
    this.s3 = s3 | 0;
  }

  /**
   * The stream named by `seed` and `path`. 128 bits of state come from four differently salted
   * hashes, so two of the million distribution streams meeting is as unlikely as a UUID clash.
   */
  static from(seed: number, ...path: number[]): Rng {
    const words = [...seedWords(seed), ...path];
    return new Rng(hashWords(1, words), hashWords(2, words), hashWords(3, words), hashWords(4, words));
  }

  /** The next 32 random bits as an unsigned integer. */
  next32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next32() / 2 ** 32;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Uniform integer in [min, max], both included. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("cannot pick from an empty list");
    return items[this.int(items.length)]!;
  }

  /** Picks an index with probability proportional to its weight. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let x = this.float() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i]!;
      if (x < 0) return i;
    }
    return weights.length - 1;
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }

  digits(count: number): string {
    let text = "";
    for (let i = 0; i < count; i++) text += String(this.int(10));
    return text;
  }

  /** A random (version 4) UUID. */
  uuidV4(): string {
    return this.uuid(this.next32(), this.next32() & 0xffff, 4);
  }

  /**
   * A version 7 UUID whose timestamp is `unixMs`, as a client following the ledger's advice would
   * make at the time: ids then sort by when they were made, here by the date they describe.
   */
  uuidV7(unixMs: number): string {
    return this.uuid(Math.floor(unixMs / 0x10000), unixMs & 0xffff, 7);
  }

  private uuid(high32: number, low16: number, version: number): string {
    const bytes = new Array<number>(16);
    bytes[0] = (high32 >>> 24) & 0xff;
    bytes[1] = (high32 >>> 16) & 0xff;
    bytes[2] = (high32 >>> 8) & 0xff;
    bytes[3] = high32 & 0xff;
    bytes[4] = (low16 >>> 8) & 0xff;
    bytes[5] = low16 & 0xff;
    let bits = 0;
    for (let i = 6; i < 16; i++) {
      if ((i - 6) % 4 === 0) bits = this.next32();
      bytes[i] = (bits >>> (8 * ((i - 6) % 4))) & 0xff;
    }
    bytes[6] = (version << 4) | (bytes[6]! & 0x0f);
    bytes[8] = 0x80 | (bytes[8]! & 0x3f);
    const hex = bytes.map((b) => HEX[b]!).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
}
