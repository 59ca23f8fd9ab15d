// Tree sizes go up to Number.MAX_SAFE_INTEGER, past the 32 bits JavaScript's bitwise operators
// work on, so the bit arithmetic of the RFCs is done with division and remainder instead.

/** A tree size or index: a safe non-negative integer. */
export const isSize = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

export const isOdd = (n: number): boolean => n % 2 === 1;

/** n >> 1 without truncating n to 32 bits. */
export const half = (n: number): number => Math.floor(n / 2);

export function isPowerOfTwo(n: number): boolean {
  if (n < 1) return false;
  while (n % 2 === 0) n /= 2;
  return n === 1;
}

/** The k of RFC 6962 §2.1: the largest power of two smaller than n, for n > 1. */
export function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** The number of set bits: how many perfect subtrees a tree of n leaves decomposes into. */
export function popCount(n: number): number {
  let count = 0;
  for (; n > 0; n = half(n)) if (isOdd(n)) count++;
  return count;
}
