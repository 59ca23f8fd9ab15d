import { MAX_VALUE_PAISE } from "./money.js";
import { SERVICE_NAMES, SERVICES, type Service } from "./services.js";

// What people type, read the way they mean it. One home for these readings: the ingest service,
// the CLI (through the ingest service's CSV route) and the web pages (before anything is sent)
// all call these, so a value is accepted or refused the same way everywhere.

// DD/MM/YYYY as India writes dates (also with '-' or '.'), the day and month with one digit or
// two; MM/DD is never guessed.
const DAY_FIRST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const ISO = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date as people write it, DD/MM/YYYY (31/01/2025, 1/2/2025, 31-01-2025, 31.01.2025) or
 * YYYY-MM-DD, as YYYY-MM-DD; undefined for anything else. Whether the date exists in the calendar
 * is the CalendarDateSchema's question, asked next.
 */
export function enteredDateAsIso(text: string): string | undefined {
  const trimmed = text.trim();
  if (ISO.test(trimmed)) return trimmed;
  const dayFirst = DAY_FIRST.exec(trimmed);
  if (!dayFirst) return undefined;
  const [, day, month, year] = dayFirst as unknown as [string, string, string, string];
  return `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
}

// Rupees: an optional "Rs", "Rs.", "INR" or "₹", digits grouped by commas the Indian way
// (1,50,000) or the international way (150,000) or not at all, and at most two decimals.
const RUPEES = /^(?:(?:rs\.?|inr|₹)\s*)?(\d{1,3}(?:,\d{2,3})*|\d+)(?:\.(\d{1,2}))?$/i;
const GROUPS = /^\d{1,3}(?:,\d{2})*,\d{3}$|^\d{1,3}(?:,\d{3})+$|^\d+$/;

/**
 * Rupees as people write them ("1500", "1500.5", "1,50,000.00", "Rs 1,500", "₹250") as exact
 * integer paise, computed from the digits (never through floating point); undefined for anything
 * else, negatives included. A value past Rs 1 crore is still returned, for the bound to refuse.
 */
export function rupeesAsPaise(text: string): number | undefined {
  const match = RUPEES.exec(text.trim());
  if (!match) return undefined;
  const [, whole = "", decimals = ""] = match;
  if (!GROUPS.test(whole)) return undefined;
  const digits = whole.replaceAll(",", "");
  // More digits than any bound: refused as too large without building an unsafe number.
  if (digits.replace(/^0+/, "").length > String(MAX_VALUE_PAISE).length) return Number.MAX_SAFE_INTEGER;
  return Number(digits) * 100 + Number(decimals.padEnd(2, "0"));
}

const normalName = (text: string): string =>
  text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, " ");
const BY_NAME = new Map<string, Service>(
  SERVICES.flatMap((service) => [
    [normalName(service), service],
    [normalName(SERVICE_NAMES[service]), service],
  ]),
);

/** A service by its code (grocery_kit) or its name (Grocery kit, grocery-kit), any case; undefined if neither. */
export const serviceOfText = (text: string): Service | undefined => BY_NAME.get(normalName(text));
