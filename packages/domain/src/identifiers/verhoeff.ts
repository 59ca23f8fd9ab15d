// Verhoeff's dihedral-group check digit, as UIDAI uses for the last Aadhaar digit. It catches
// every single-digit error and every adjacent transposition, which a mod-10 sum does not.

// d: multiplication in the dihedral group D5.
const D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];

// p: the permutation applied to a digit according to its position (it repeats every 8). Row i is
// row 1 applied i times, p(i + 1, n) = p(1, p(i, n)), so only row 1 is written out: a mistyped
// entry in a later row cannot happen.
const P1 = [1, 5, 7, 6, 2, 8, 3, 0, 9, 4];
const P: number[][] = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]];
while (P.length < 8) P.push(P[P.length - 1]!.map((digit) => P1[digit]!));

// inv: the inverse of each element of D5.
const INV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

const DIGITS = /^[0-9]+$/;

function cell(table: readonly (readonly number[])[], row: number, column: number): number {
  const value = table[row]?.[column];
  if (value === undefined) throw new RangeError("Verhoeff table index out of range");
  return value;
}

// Walks the digits right to left; `offset` is 1 when the check digit is still to be appended.
function checksum(digits: string, offset: 0 | 1): number {
  if (!DIGITS.test(digits)) throw new TypeError("Verhoeff needs a non-empty string of ASCII digits");
  let c = 0;
  for (let i = 0; i < digits.length; i++) {
    const digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    c = cell(D, c, cell(P, (i + offset) % 8, digit));
  }
  return c;
}

/** The digit to append to `digits` so that the whole passes `isVerhoeffValid`. */
export function verhoeffCheckDigit(digits: string): number {
  const value = INV[checksum(digits, 1)];
  if (value === undefined) throw new RangeError("Verhoeff inverse out of range");
  return value;
}

/** True when the last digit of `digits` is the Verhoeff check digit of the ones before it. */
export const isVerhoeffValid = (digits: string): boolean => DIGITS.test(digits) && checksum(digits, 0) === 0;
