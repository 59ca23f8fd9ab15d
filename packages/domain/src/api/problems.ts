/**
 * Every problem a person can make in a distribution they enter (a spreadsheet row, a form, a
 * JSON record), as a stable code and its plain English wording. The API and the CLI send the
 * wording; the web pages show the code's translation (their locale files hold the same codes, a
 * test checks it). No wording quotes the value it is about, so each is safe to return and log.
 */
import { SERVICE_NAMES, SERVICES } from "../values/services.js";

const SERVICE_LIST = SERVICES.map((service) => `${SERVICE_NAMES[service]} (${service})`).join(", ");

export const PROBLEMS = {
  "identity.notText": "must be written as text",
  "identity.empty": "is empty — fill in the number or leave the whole column out",
  "identity.tooLong": "is far too long for an identity number — check the cell",
  "aadhaar.characters": "write only the 12 digits of the number (spaces and hyphens are fine)",
  "aadhaar.length": "an Aadhaar number has 12 digits — check that none is missing or extra",
  "aadhaar.leadingDigit": "an Aadhaar number never starts with 0 or 1 — check the first digit on the card",
  "aadhaar.checkDigit": "the last digit does not match — check the number on the card",
  "phone.characters": "write only the digits of the number (spaces, hyphens, brackets and a leading + are fine)",
  "phone.foreign": "must be an Indian number (+91)",
  "phone.mobile": "must be a 10-digit mobile number starting with 6, 7, 8 or 9",
  "ration_card.characters": "write only the letters and digits of the card (spaces, hyphens and slashes are fine)",
  "ration_card.length": "a ration card number has 6 to 20 letters and digits — check the card",
  "voter_id.format": "a voter ID (EPIC) is 3 letters followed by 7 digits — check the card",
  "member_id.format": "write 1 to 64 letters, digits, '-', '_' or '/' with no spaces inside",
  "identity.none": "fill in at least one identity document (Aadhaar, phone, ration card, voter ID or member ID)",
  "identity.tooMany": "name at most 5 identity documents",
  "text.aadhaar": "must not contain an Aadhaar number; remove it",
  "text.phone": "must not contain a mobile number; remove it",
  "text.voter_id": "must not contain a voter ID (EPIC) number; remove it",
  "text.invalid": "is too long or holds characters that cannot be stored — shorten it or retype it",
  "distributionId.invalid":
    "must be a distribution id (a lowercase UUID) — or leave the column out and ids are made for you",
  "distributionId.repeated": "repeats the distribution id of another row",
  "distributionId.recordedBefore": "was recorded by an earlier submission",
  "service.unknown": `is not a service the ledger knows — write one of: ${SERVICE_LIST}`,
  "quantity.invalid": "write how many were handed out: a whole number, 1 or more",
  "value.invalid": "write the value in rupees: 1500, 1500.50, 1,50,000, Rs 1,500 or ₹1,500 (at most 2 decimals)",
  "value.tooLarge": "is more than Rs 1 crore — one distribution cannot be worth that much; check the amount",
  "valuePaise.invalid": "write the value as a whole number of paise (Rs 1 is 100 paise), 0 or more",
  "date.invalid": "write a real date as DD/MM/YYYY (31/01/2025) or YYYY-MM-DD (2025-01-31)",
  "date.future": "is after today — check the date",
  "date.tooOld": "is before 01/01/2000 — check the year",
  "funding.invalid": "write auto, fund:<the fund's id> or scheme:<the scheme's name>",
  "funding.fundId": "the fund id is not a valid id — copy it from the fund's page",
  "funding.unknownFund": "names no recorded fund — copy the fund's id from the fund's page",
  "funding.otherCbo": "names a fund that belongs to another CBO",
  "funding.restricted": "names a fund restricted to other services",
  "row.invalid": "cannot be read — check the row",
} as const satisfies Record<string, string>;

export type Problem = keyof typeof PROBLEMS;
export const PROBLEM_CODES = Object.keys(PROBLEMS) as Problem[];

const BY_TEXT = new Map<string, Problem>(PROBLEM_CODES.map((code) => [PROBLEMS[code], code]));

/** The code of a problem's English wording (as the API sends it), or undefined for any other text. */
export const problemOfText = (message: string): Problem | undefined => BY_TEXT.get(message);

/** Marks a zod issue with its problem code: `ctx.addIssue({ …, params: problemParams(code) })`. */
export const problemParams = (problem: Problem) => ({ problem });
