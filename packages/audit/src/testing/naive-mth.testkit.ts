import { createHash } from "node:crypto";

const sha256 = (...parts: Uint8Array[]): Buffer => {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part);
  return hash.digest();
};

/**
 * RFC 6962 §2.1 MTH, transcribed literally and sharing no code with the package, so tests compare
 * the package against the definition rather than against itself.
 */
export function naiveMth(entries: readonly Uint8Array[]): Buffer {
  const n = entries.length;
  if (n === 0) return sha256();
  if (n === 1) return sha256(Uint8Array.of(0), entries[0] as Uint8Array);
  let k = 1;
  while (k * 2 < n) k *= 2;
  return sha256(Uint8Array.of(1), naiveMth(entries.slice(0, k)), naiveMth(entries.slice(k)));
}

/** The eight leaf inputs of the RFC 6962 reference tree used by Certificate Transparency's tests. */
export const REFERENCE_LEAVES: readonly Buffer[] = [
  "",
  "00",
  "10",
  "2021",
  "3031",
  "40414243",
  "5051525354555657",
  "606162636465666768696a6b6c6d6e6f",
].map((hex) => Buffer.from(hex, "hex"));

/** Published Merkle Tree Hashes of the first 1…8 reference leaves, for sizes 1…8. */
export const REFERENCE_ROOTS: readonly string[] = [
  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
  "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
  "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
  "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
  "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
  "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
  "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];

/** `count` distinct leaf inputs: the reference leaves first, then two-byte counters. */
export function sampleLeaves(count: number): Buffer[] {
  return Array.from({ length: count }, (_, i) => REFERENCE_LEAVES[i] ?? Buffer.from([0xff, i]));
}

/** A copy of `bytes` with one bit of byte `index` (wrapped to its length) inverted. */
export function flipByte(bytes: Uint8Array, index = 0): Buffer {
  const copy = Buffer.from(bytes);
  const at = index % copy.length;
  copy[at] = (copy[at] as number) ^ 0x01;
  return copy;
}
