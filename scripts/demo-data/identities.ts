import { normalizePhone, verhoeffCheckDigit, type IdentifierType, type StateCode } from "@relief-ledger/domain";
import type { Rng } from "./prng.js";

// Made-up identity documents, valid under the ledger's rules, and the many ways CBO staff write
// them in spreadsheets. Values are kept normalised; `formatDocument` varies only separators and
// case, so every written form normalises back to the same value and so to the same pseudonym.

export type DocumentType = Exclude<IdentifierType, "member_id">;

export function aadhaarNumber(rng: Rng): string {
  const body = String(rng.between(2, 9)) + rng.digits(10);
  return body + verhoeffCheckDigit(body);
}

const MOBILE_PREFIXES = [
  "98",
  "99",
  "97",
  "96",
  "95",
  "94",
  "93",
  "91",
  "90",
  "89",
  "88",
  "87",
  "70",
  "73",
  "63",
  "62",
];

/**
 * A mobile number. Some ranges in these series are landlines, which the ledger refuses when a
 * number is written with +91 or a trunk 0; the check uses that form, so every way
 * `formatDocument` writes the number is accepted.
 */
export function phoneNumber(rng: Rng): string {
  for (;;) {
    const phone = rng.pick(MOBILE_PREFIXES) + rng.digits(8);
    if (normalizePhone(`+91 ${phone}`).ok) return phone;
  }
}

const LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ";

export function voterId(rng: Rng): string {
  let prefix = "";
  for (let i = 0; i < 3; i++) prefix += LETTERS[rng.int(LETTERS.length)];
  return prefix + rng.digits(7);
}

/** A ration card number: the state's letters and ten digits, e.g. KA1234567890. */
export const rationCard = (rng: Rng, state: StateCode): string => state.slice(3) + rng.digits(10);

export function newDocument(rng: Rng, type: DocumentType, state: StateCode): string {
  switch (type) {
    case "aadhaar":
      return aadhaarNumber(rng);
    case "phone":
      return phoneNumber(rng);
    case "voter_id":
      return voterId(rng);
    case "ration_card":
      return rationCard(rng, state);
  }
}

const aadhaarForms = [
  (n: string) => `${n.slice(0, 4)} ${n.slice(4, 8)} ${n.slice(8)}`,
  (n: string) => n,
  (n: string) => `${n.slice(0, 4)}-${n.slice(4, 8)}-${n.slice(8)}`,
];
const AADHAAR_WEIGHTS = [50, 35, 15];

const phoneForms = [
  (n: string) => n,
  (n: string) => `${n.slice(0, 5)} ${n.slice(5)}`,
  (n: string) => `+91 ${n.slice(0, 5)} ${n.slice(5)}`,
  (n: string) => `+91-${n.slice(0, 5)}-${n.slice(5)}`,
  (n: string) => `0${n.slice(0, 5)}-${n.slice(5)}`,
  (n: string) => `+91${n}`,
  (n: string) => `0091 ${n.slice(0, 5)} ${n.slice(5)}`,
  (n: string) => `${n.slice(0, 5)}-${n.slice(5)}`,
];
const PHONE_WEIGHTS = [30, 20, 15, 5, 10, 10, 3, 7];

const rationForms = [
  (n: string) => n,
  (n: string) => `${n.slice(0, 2)}/${n.slice(2, 6)}/${n.slice(6)}`,
  (n: string) => `${n.slice(0, 2).toLowerCase()} ${n.slice(2, 6)} ${n.slice(6)}`,
  (n: string) => `${n.slice(0, 2)}-${n.slice(2)}`,
];

const voterForms = [(n: string) => n, (n: string) => n.toLowerCase(), (n: string) => `${n.slice(0, 3)} ${n.slice(3)}`];

const memberForms = [(n: string) => n, (n: string) => n.toLowerCase(), (n: string) => ` ${n} `];

/** One human way of writing a normalised value. */
export function formatDocument(rng: Rng, type: IdentifierType, value: string): string {
  switch (type) {
    case "aadhaar":
      return aadhaarForms[rng.weighted(AADHAAR_WEIGHTS)]!(value);
    case "phone":
      return phoneForms[rng.weighted(PHONE_WEIGHTS)]!(value);
    case "ration_card":
      return rng.pick(rationForms)(value);
    case "voter_id":
      return rng.pick(voterForms)(value);
    case "member_id":
      return memberForms[rng.weighted([80, 15, 5])]!(value);
  }
}
