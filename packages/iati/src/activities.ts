import { DONOR_KIND_ORGANISATION_TYPES, sectorOf } from "./sectors.js";
import { element, renderXml, type XmlElement } from "./xml.js";

/** One fund as a donor may see it: a cell's money is null when the small-cell rule hides it. */
export interface IatiFund {
  fundId: string;
  cboId: string;
  receivedOn: string;
  receivedPaise: number;
  attributedPaise: number;
  remainingPaise: number;
  cells: { service: string; month: string; paise: number | null }[];
}

export interface IatiDonor {
  donorId: string;
  donor: { name: string; kind: string } | null;
  funds: IatiFund[];
}

export interface IatiOrganisation {
  /** An IATI organisation identifier (registration agency prefix, then the agency's number). */
  ref: string;
  name: string;
  /** IATI OrganisationType code. */
  type: string;
}

export interface IatiReport {
  reportingOrg: IatiOrganisation;
  donors: IatiDonor[];
  /** Name and ISO 3166-2 state of each CBO a fund names; a CBO missing here is reported by id. */
  cbos: ReadonlyMap<string, { name: string; state: string }>;
  /** When the file is written (ISO 8601 UTC); transactions are never dated after it. */
  generatedAt: string;
}

/** A CBO is a civil-society organisation based in the country the relief reaches. */
const CBO_ORGANISATION_TYPE = "24";
const ROLE = { funding: "1", implementing: "4" } as const;
const TRANSACTION = { incomingFunds: "1", expenditure: "4" } as const;
const STATUS = { implementation: "2", finalisation: "3" } as const;
const ACTUAL_START = "2";

/** Whole paise as rupees with two decimals, in integers only: 123456 → "1234.56". */
export function rupees(paise: number): string {
  if (!Number.isSafeInteger(paise) || paise < 0) throw new RangeError("an amount must be whole, non-negative paise");
  return `${Math.trunc(paise / 100)}.${String(paise % 100).padStart(2, "0")}`;
}

/** The last day of a YYYY-MM month, or `today` if that is earlier (the month is not over yet). */
function monthEnd(month: string, today: string): string {
  const [year, monthNumber] = month.split("-").map(Number) as [number, number];
  const last = new Date(Date.UTC(year, monthNumber, 0)).toISOString().slice(0, 10);
  return last < today ? last : today;
}

const narrative = (text: string) => element("narrative", {}, text);
const named = (name: string, attributes: Record<string, string | undefined>, text: string) =>
  element(name, attributes, narrative(text));

function transaction(
  type: string,
  date: string,
  paise: number,
  description: string,
  orgs: XmlElement[],
  sector?: { code: string },
): XmlElement {
  return element(
    "transaction",
    {},
    element("transaction-type", { code: type }),
    element("transaction-date", { "iso-date": date }),
    element("value", { currency: "INR", "value-date": date }, rupees(paise)),
    named("description", {}, description),
    ...orgs,
    sector && element("sector", { vocabulary: "1", code: sector.code }),
  );
}

function activity(report: IatiReport, donor: IatiDonor, fund: IatiFund): XmlElement {
  const today = report.generatedAt.slice(0, 10);
  const org = report.reportingOrg;
  const donorName = donor.donor?.name ?? donor.donorId;
  const donorType = donor.donor ? DONOR_KIND_ORGANISATION_TYPES[donor.donor.kind as "other"] : undefined;
  const cbo = report.cbos.get(fund.cboId);
  const cboName = cbo?.name ?? fund.cboId;
  const donorOrg = (as: "provider-org" | "participating-org", extra: Record<string, string> = {}) =>
    named(as, { ...extra, type: donorType }, donorName);
  const cboOrg = (as: "provider-org" | "receiver-org" | "participating-org", extra: Record<string, string> = {}) =>
    named(as, { ...extra, type: CBO_ORGANISATION_TYPE }, cboName);

  const shown = fund.cells.filter((cell): cell is IatiFund["cells"][number] & { paise: number } => cell.paise !== null);
  const hiddenPaise = fund.attributedPaise - shown.reduce((sum, cell) => sum + cell.paise, 0);
  if (hiddenPaise < 0) throw new RangeError(`fund ${fund.fundId}: its cells add up to more than it attributed`);
  const hiddenMonths = fund.cells.filter((cell) => cell.paise === null).map((cell) => cell.month);
  const lastHiddenMonth = hiddenMonths.toSorted().at(-1) ?? today.slice(0, 7);

  return element(
    "iati-activity",
    { "last-updated-datetime": report.generatedAt, "xml:lang": "en", "default-currency": "INR", humanitarian: "1" },
    element("iati-identifier", {}, `${org.ref}-${fund.fundId}`),
    named("reporting-org", { ref: org.ref, type: org.type }, org.name),
    named("title", {}, `Relief paid for by ${donorName} through ${cboName}`),
    named(
      "description",
      { type: "1" },
      `Fund ${fund.fundId}, received by ${cboName} on ${fund.receivedOn}, and the distributions it paid for, ` +
        `by service and month, as the ledger's donor attribution walks them.`,
    ),
    donorOrg("participating-org", { role: ROLE.funding }),
    cboOrg("participating-org", { role: ROLE.implementing }),
    element("activity-status", { code: fund.remainingPaise > 0 ? STATUS.implementation : STATUS.finalisation }),
    element("activity-date", { type: ACTUAL_START, "iso-date": fund.receivedOn }),
    element("recipient-country", { code: "IN", percentage: "100" }),
    cbo &&
      element(
        "location",
        { ref: cbo.state },
        element("location-reach", { code: "1" }),
        named("name", {}, `${cbo.state} (ISO 3166-2)`),
        element("exactness", { code: "2" }),
        element("location-class", { code: "1" }),
      ),
    transaction(TRANSACTION.incomingFunds, fund.receivedOn, fund.receivedPaise, "Funds received", [
      donorOrg("provider-org"),
      cboOrg("receiver-org"),
    ]),
    ...shown.map((cell) =>
      transaction(
        TRANSACTION.expenditure,
        monthEnd(cell.month, today),
        cell.paise,
        `${cell.service}, ${cell.month}`,
        [cboOrg("provider-org")],
        sectorOf(cell.service),
      ),
    ),
    hiddenPaise > 0
      ? transaction(
          TRANSACTION.expenditure,
          monthEnd(lastHiddenMonth, today),
          hiddenPaise,
          "Distributions in cells too small to show one by one, together",
          [cboOrg("provider-org")],
        )
      : undefined,
  );
}

/**
 * An IATI 2.03 activity file: one iati-activity per fund (docs/decisions), the coalition reporting,
 * the donor funding and the recipient CBO implementing; incoming funds, then the fund's
 * expenditure per service and month. Pure: the same report gives the same bytes. Undefined when
 * there is no fund to report, since an IATI file holds at least one activity.
 */
export function iatiActivities(report: IatiReport): string | undefined {
  const activities = report.donors.flatMap((donor) => donor.funds.map((fund) => activity(report, donor, fund)));
  if (activities.length === 0) return undefined;
  return renderXml(
    element("iati-activities", { version: "2.03", "generated-datetime": report.generatedAt }, ...activities),
  );
}
