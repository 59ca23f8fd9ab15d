// Numbers, money and months for people, in the page's language. Pure: the browser tests format
// the query API's answers with these same functions and compare them with what the page shows.

export type Language = "en" | "hi" | "bn";
export const LANGUAGES: readonly Language[] = ["en", "hi", "bn"];
export const LOCALE: Record<Language, string> = { en: "en-IN", hi: "hi-IN", bn: "bn-IN" };

const PAISE_PER_RUPEE = 100;
const RUPEES_PER_LAKH = 100_000;
const RUPEES_PER_CRORE = 10_000_000;

const cache = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) cache.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}

/** A count, grouped the Indian way (12,34,567). */
export const formatCount = (n: number, language: Language): string =>
  numberFormat(LOCALE[language], { maximumFractionDigits: 0 }).format(n);

/** Exact rupees from paise, with paise shown only when there are any: ₹12,34,567.50. */
export function formatRupees(paise: number, language: Language): string {
  const whole = paise % PAISE_PER_RUPEE === 0;
  return numberFormat(LOCALE[language], {
    style: "currency",
    currency: "INR",
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: whole ? 0 : 2,
  }).format(paise / PAISE_PER_RUPEE);
}

/**
 * Rupees in lakh or crore for headlines: the amount and which unit, so the page puts them in its
 * own words ("Rs 68.2 crore"). Below a lakh the exact rupees are shown.
 */
export function rupeesInWords(
  paise: number,
  language: Language,
): { unit: "crore" | "lakh" | "rupees"; amount: string } {
  const rupees = paise / PAISE_PER_RUPEE;
  const short = (divisor: number) =>
    numberFormat(LOCALE[language], { maximumFractionDigits: 2 }).format(Math.floor((rupees / divisor) * 100) / 100);
  if (rupees >= RUPEES_PER_CRORE) return { unit: "crore", amount: short(RUPEES_PER_CRORE) };
  if (rupees >= RUPEES_PER_LAKH) return { unit: "lakh", amount: short(RUPEES_PER_LAKH) };
  return { unit: "rupees", amount: formatRupees(paise, language) };
}

// One formatter per language: making an Intl.DateTimeFormat per cell cost ~0.1 s on a dashboard.
const monthFormats = new Map<Language, Intl.DateTimeFormat>();

/** "2021-05" as the month in words: "May 2021", "मई 2021", "মে, 2021". */
export function formatMonth(month: string, language: Language): string {
  let format = monthFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALE[language], { month: "short", year: "numeric", timeZone: "UTC" });
    monthFormats.set(language, format);
  }
  return format.format(new Date(`${month}-01T00:00:00Z`));
}

/** A person count as the API gave it: null where withheld, with the reason beside it. */
export interface MaybeSuppressed {
  persons: number | null;
  suppressed?: boolean;
  /** "small": 1 to 4 persons; "protective": hidden to protect a small group, its size untold. */
  suppressedReason?: "small" | "protective" | null;
}
/** The words for a withheld person count: only a row the API calls small is "fewer than 5". */
export const hiddenPersonsLabel = (cell: MaybeSuppressed) =>
  cell.suppressedReason === "small"
    ? "figures.fewerThanFive"
    : cell.suppressedReason === "protective"
      ? "figures.protectsSmallGroup"
      : "figures.suppressed";
export const isSuppressed = (cell: MaybeSuppressed): boolean => cell.persons === null;
