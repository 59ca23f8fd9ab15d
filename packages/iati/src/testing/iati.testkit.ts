// Checks every generated IATI file must pass: the official 2.03 schema, IATI's codelists, and sums.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { validateXML } from "xmllint-wasm";

const copy = (name: string) => fileURLToPath(new URL(`../../iati-2.03/${name}`, import.meta.url));
const file = (fileName: string) => ({ fileName, contents: readFileSync(copy(fileName), "utf8") });

/**
 * The schema's errors for documents (empty when all are valid), each with its file and line. Many
 * documents go in one call, since starting the validator costs far more than validating.
 */
export async function schemaErrors(xml: string | readonly string[]): Promise<string[]> {
  const documents = typeof xml === "string" ? [xml] : xml;
  const result = await validateXML({
    xml: documents.map((contents, i) => ({ fileName: `activities-${i}.xml`, contents })),
    schema: [file("iati-activities-schema.xsd")],
    preload: [file("iati-common.xsd"), file("xml.xsd")],
    initialMemoryPages: 512,
  });
  return result.errors.map((error) => `${error.loc?.fileName ?? ""}:${error.loc?.lineNumber ?? ""} ${error.message}`);
}

/** The active codes of one of the copied IATI codelists. */
export function codelist(name: string): Set<string> {
  const text = readFileSync(copy(`codelists/${name}.xml`), "utf8");
  return new Set([...text.matchAll(/<codelist-item[^>]*>\s*<code>([^<]+)<\/code>/g)].map((match) => match[1]!));
}

/** Rupees with two decimals back to whole paise, in integers only. */
export function paiseOf(value: string): number {
  const match = /^(\d+)\.(\d{2})$/.exec(value);
  if (!match) throw new Error(`not an amount in rupees: ${value}`);
  return Number(match[1]) * 100 + Number(match[2]);
}

const attribute = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

/** Each code the file uses, with the codelist it must come from. */
export function codeErrors(xml: string): string[] {
  const lists: [RegExp, string, string][] = [
    [/<transaction-type [^>]*>/g, "code", "TransactionType"],
    [/<sector [^>]*>/g, "code", "Sector"],
    [/<sector [^>]*>/g, "vocabulary", "SectorVocabulary"],
    [/<participating-org [^>]*>/g, "role", "OrganisationRole"],
    [/<(?:participating|reporting|provider|receiver)-org [^>]*>/g, "type", "OrganisationType"],
    [/<activity-status [^>]*>/g, "code", "ActivityStatus"],
    [/<activity-date [^>]*>/g, "type", "ActivityDateType"],
    [/<recipient-country [^>]*>/g, "code", "Country"],
    [/<(?:value|iati-activity) [^>]*>/g, "currency", "Currency"],
    [/<iati-activity [^>]*>/g, "default-currency", "Currency"],
  ];
  const errors: string[] = [];
  for (const [tags, name, list] of lists) {
    const codes = codelist(list);
    for (const [tag] of xml.matchAll(tags)) {
      const code = attribute(tag, name);
      if (code !== undefined && !codes.has(code)) errors.push(`${list}: ${code} is not a code (${tag})`);
    }
  }
  return errors;
}

export interface ActivitySums {
  identifier: string;
  incomingPaise: number;
  expenditurePaise: number;
}

/** Per activity, the paise of its incoming-funds and expenditure transactions. */
export function activitySums(xml: string): ActivitySums[] {
  return [...xml.matchAll(/<iati-activity [^>]*>([\s\S]*?)<\/iati-activity>/g)].map(([, body]) => {
    const sums = { identifier: /<iati-identifier>([^<]*)</.exec(body!)![1]!, incomingPaise: 0, expenditurePaise: 0 };
    for (const [, transaction] of body!.matchAll(/<transaction>([\s\S]*?)<\/transaction>/g)) {
      const type = /<transaction-type code="(\d+)"/.exec(transaction!)![1];
      const paise = paiseOf(/<value [^>]*>([^<]*)</.exec(transaction!)![1]!);
      if (type === "1") sums.incomingPaise += paise;
      else if (type === "4") sums.expenditurePaise += paise;
    }
    return sums;
  });
}

/** A fund as the attribution API gives it: what its activity's transactions must add up to. */
export interface FundSums {
  fundId: string;
  receivedPaise: number;
  attributedPaise: number;
}

const rupeesOf = (paise: number) => `${Math.trunc(paise / 100)}.${String(paise % 100).padStart(2, "0")}`;

/**
 * Where a file's transactions do not add up to the attribution, to the paisa: for each fund, its
 * activity's incoming funds against what it received and its expenditure against what was
 * attributed; a fund without an activity and an activity without a fund. Empty when they agree.
 */
export function sumErrors(xml: string, funds: readonly FundSums[]): string[] {
  const activities = activitySums(xml);
  const errors: string[] = [];
  const matched = new Set<string>();
  for (const fund of funds) {
    const activity = activities.find((a) => a.identifier.endsWith(`-${fund.fundId}`));
    if (activity === undefined) {
      errors.push(`fund ${fund.fundId} has no activity`);
      continue;
    }
    matched.add(activity.identifier);
    if (activity.incomingPaise !== fund.receivedPaise)
      errors.push(
        `${activity.identifier}: incoming funds ${rupeesOf(activity.incomingPaise)}, received ${rupeesOf(fund.receivedPaise)}`,
      );
    if (activity.expenditurePaise !== fund.attributedPaise)
      errors.push(
        `${activity.identifier}: expenditure ${rupeesOf(activity.expenditurePaise)}, attributed ${rupeesOf(fund.attributedPaise)}`,
      );
  }
  for (const activity of activities)
    if (!matched.has(activity.identifier)) errors.push(`${activity.identifier} is no fund of the attribution`);
  return errors;
}
