import { writeFileSync } from "node:fs";
import { verhoeffCheckDigit } from "@relief-ledger/domain";
import { FUND } from "./ingest.testkit.js";

/** A valid Aadhaar number: an 11-digit stem and its Verhoeff check digit. */
export const aadhaar = (stem: number): string => {
  const body = String(20_000_000_000 + stem);
  return body + verhoeffCheckDigit(body);
};

/** The same number with its check digit wrong. */
export const badAadhaar = (stem: number): string => {
  const good = aadhaar(stem);
  return good.slice(0, 11) + String((Number(good.at(-1)) + 1) % 10);
};

export const phone = (stem: number): string => `9${String(stem).padStart(9, "0")}`;

const FUNDING = ["auto", `fund:${FUND}`, "scheme:PDS"];

export interface Sheet {
  text: string;
  /** Every identity value written, as written. */
  identities: string[];
}

/**
 * A CBO's spreadsheet without a distributionId column: `rows` records, row r (header = 1) holding
 * Aadhaar and phone numbers made from `stem + r`; `override` replaces the Aadhaar of chosen rows.
 */
export function sheet(rows: number, stem: number, override: Record<number, string> = {}): Sheet {
  const identities: string[] = [];
  const lines = ["service,quantity,valuePaise,distributedOn,funding,district,aadhaar,phone"];
  for (let row = 2; row < rows + 2; row++) {
    const id = override[row] ?? aadhaar(stem + row);
    const mobile = row % 2 === 0 ? phone(stem + row) : `+91 ${phone(stem + row)}`;
    identities.push(id, mobile);
    lines.push(
      `grocery_kit,1,150000,2026-10-${String((row % 28) + 1).padStart(2, "0")},${FUNDING[row % 3]},Mysuru,${id},${mobile}`,
    );
  }
  return { text: lines.join("\n") + "\n", identities };
}

export const writeSheet = (file: string, sheet: Sheet): string => (writeFileSync(file, sheet.text), file);
