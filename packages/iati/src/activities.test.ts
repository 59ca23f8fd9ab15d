import { DONOR_KINDS, SERVICES } from "@relief-ledger/domain";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { iatiActivities, rupees, type IatiReport } from "./activities.js";
import { DONOR_KIND_ORGANISATION_TYPES, SERVICE_SECTORS } from "./sectors.js";
import { activitySums, codeErrors, codelist, paiseOf, schemaErrors, sumErrors } from "./testing/iati.testkit.js";

const COALITION = { ref: "XI-IATI-EXAMPLE", name: "Example coalition", type: "24" };

// Given a trust's ₹10,000 fund to Sangama (Karnataka) that paid ₹3,000 of grocery kits in May 2021
// and ₹1,500 whose cell is too small to show; a ₹5,000 fund of an unregistered donor, unspent.
const worked: IatiReport = {
  reportingOrg: COALITION,
  generatedAt: "2021-07-01T00:00:00.000Z",
  cbos: new Map([["sangama-blr", { name: "Sangama <Bengaluru> & co", state: "IN-KA" }]]),
  donors: [
    {
      donorId: "azim-trust",
      donor: { name: 'The "Azim" Trust', kind: "trust" },
      funds: [
        {
          fundId: "0190a0a0-0000-7000-8000-000000000001",
          cboId: "sangama-blr",
          receivedOn: "2021-04-20",
          receivedPaise: 1_000_000,
          attributedPaise: 450_000,
          remainingPaise: 550_000,
          cells: [
            { service: "grocery_kit", month: "2021-05", paise: 300_000 },
            { service: "grocery_kit", month: "2021-06", paise: null },
          ],
        },
      ],
    },
    {
      donorId: "anon-donor",
      donor: null,
      funds: [
        {
          fundId: "0190a0a0-0000-7000-8000-000000000002",
          cboId: "unregistered-cbo",
          receivedOn: "2021-06-30",
          receivedPaise: 500_000,
          attributedPaise: 0,
          remainingPaise: 500_000,
          cells: [],
        },
      ],
    },
  ],
};

describe("an IATI activity file", () => {
  it("is valid against the IATI 2.03 schema, with one activity per fund", async () => {
    const xml = iatiActivities(worked)!;
    expect(await schemaErrors(xml)).toEqual([]);
    expect(codeErrors(xml)).toEqual([]);
    expect(activitySums(xml)).toEqual([
      {
        identifier: "XI-IATI-EXAMPLE-0190a0a0-0000-7000-8000-000000000001",
        incomingPaise: 1_000_000,
        expenditurePaise: 450_000,
      },
      {
        identifier: "XI-IATI-EXAMPLE-0190a0a0-0000-7000-8000-000000000002",
        incomingPaise: 500_000,
        expenditurePaise: 0,
      },
    ]);
  });

  it("names the donor funding and the CBO implementing, in its state, with the sector of each service", () => {
    const xml = iatiActivities(worked)!;
    expect(xml).toContain('<participating-org role="1" type="60">');
    expect(xml).toContain('<participating-org role="4" type="24">');
    expect(xml).toContain('<location ref="IN-KA">');
    expect(xml).toContain('<sector vocabulary="1" code="72040"/>');
    expect(xml).toContain('<value currency="INR" value-date="2021-05-31">3000.00</value>');
    // The month not yet over is dated the day the file was written, never in the future.
    expect(xml).toContain('<transaction-date iso-date="2021-06-30"/>');
    expect(xml).toContain('<value currency="INR" value-date="2021-06-30">1500.00</value>');
  });

  it("escapes every text node and attribute", async () => {
    const xml = iatiActivities(worked)!;
    expect(xml).toContain("Sangama &lt;Bengaluru&gt; &amp; co");
    expect(xml).toContain('The "Azim" Trust');
    expect(xml).not.toContain("<Bengaluru>");
    expect(await schemaErrors(xml)).toEqual([]);
  });

  it("is not written when there is no fund to report (a file holds at least one activity)", () => {
    expect(iatiActivities({ ...worked, donors: [{ ...worked.donors[0]!, funds: [] }] })).toBeUndefined();
  });

  it("refuses a name with a character XML cannot carry, rather than writing a broken file", () => {
    const broken = { ...worked, cbos: new Map([["sangama-blr", { name: "bad\u0001name", state: "IN-KA" }]]) };
    expect(() => iatiActivities(broken)).toThrow(/character XML cannot carry/);
  });

  it("writes amounts in rupees from whole paise, exactly", () => {
    expect(rupees(0)).toBe("0.00");
    expect(rupees(5)).toBe("0.05");
    expect(rupees(123_456)).toBe("1234.56");
    expect(rupees(Number.MAX_SAFE_INTEGER)).toBe("90071992547409.91");
    expect(paiseOf(rupees(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => rupees(1.5)).toThrow(RangeError);
  });
});

describe("the codes it uses", () => {
  it("map every service to an active DAC 5-digit sector and every donor kind to an organisation type", () => {
    const sectors = codelist("Sector");
    for (const service of SERVICES) expect(sectors.has(SERVICE_SECTORS[service].code), service).toBe(true);
    const types = codelist("OrganisationType");
    for (const kind of DONOR_KINDS) expect(types.has(DONOR_KIND_ORGANISATION_TYPES[kind]), kind).toBe(true);
  });
});

describe("planted errors fail the checks", () => {
  const xml = iatiActivities(worked)!;

  it("an invalid sector code fails the codelist check", () => {
    const planted = xml.replace('code="72040"', 'code="72049"');
    expect(codeErrors(planted)).toEqual([expect.stringContaining("Sector: 72049 is not a code")]);
  });

  it("an invalid transaction type fails the codelist check", () => {
    const planted = xml.replace('<transaction-type code="4"/>', '<transaction-type code="42"/>');
    expect(codeErrors(planted)).toEqual([expect.stringContaining("TransactionType: 42")]);
  });

  it("an element out of the schema's order fails the schema", async () => {
    const planted = xml.replace(/(<activity-status [^>]*\/>\n)(\s*<activity-date [^>]*\/>\n)/, "$2$1");
    expect(planted).not.toBe(xml);
    expect(await schemaErrors(planted)).not.toEqual([]);
  });

  // What the attribution API gives for the worked example's funds: the file must add up to it.
  const attribution = worked.donors.flatMap((donor) => donor.funds);
  const first = "XI-IATI-EXAMPLE-0190a0a0-0000-7000-8000-000000000001";

  it("the file as written balances against the attribution", () => {
    expect(sumErrors(xml, attribution)).toEqual([]);
  });

  it("an expenditure one paisa off fails the sum check, naming the activity", () => {
    const planted = xml.replace(">3000.00<", ">3000.01<");
    expect(planted).not.toBe(xml);
    expect(sumErrors(planted, attribution)).toEqual([`${first}: expenditure 4500.01, attributed 4500.00`]);
  });

  it("a dropped expenditure or an inflated receipt fails the sum check", () => {
    const dropped = xml.replace(/<transaction>(?:(?!<\/transaction>)[\s\S])*>3000\.00<[\s\S]*?<\/transaction>\s*/, "");
    expect(dropped).not.toBe(xml);
    expect(sumErrors(dropped, attribution)).toEqual([`${first}: expenditure 1500.00, attributed 4500.00`]);
    const inflated = xml.replace(">10000.00<", ">10000.10<");
    expect(inflated).not.toBe(xml);
    expect(sumErrors(inflated, attribution)).toEqual([`${first}: incoming funds 10000.10, received 10000.00`]);
  });

  it("a fund left out of the file fails the sum check", () => {
    expect(sumErrors(xml, [...attribution, { fundId: "missing", receivedPaise: 1, attributedPaise: 0 }])).toEqual([
      "fund missing has no activity",
    ]);
  });
});

const slug = fc.stringMatching(/^[a-z0-9][a-z0-9-]{2,20}$/);
// Free text as the ledger stores it: no control characters (docs/rules.md, identifiers).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\ufffe\uffff]/;
const freeText = fc.string({ minLength: 1, maxLength: 40, unit: "grapheme" }).filter((text) => !CONTROL.test(text));
const day = fc
  .date({ min: new Date("2020-01-01"), max: new Date("2021-06-30"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const fundOf = fc
  .record({
    fundId: fc.uuid({ version: 7 }),
    cboId: slug,
    receivedOn: day,
    receivedPaise: fc.integer({ min: 1, max: 10_000_000_000 }),
    cells: fc.array(
      fc.record({
        service: fc.constantFrom(...SERVICES),
        month: day.map((d) => d.slice(0, 7)),
        paise: fc.option(fc.integer({ min: 0, max: 1_000_000_00 }), { freq: 4 }),
      }),
      { maxLength: 6 },
    ),
    hiddenPaise: fc.integer({ min: 0, max: 1_000_000 }),
  })
  .map(({ hiddenPaise, ...fund }) => {
    const hides = fund.cells.some((cell) => cell.paise === null);
    const attributedPaise = fund.cells.reduce((sum, cell) => sum + (cell.paise ?? 0), 0) + (hides ? hiddenPaise : 0);
    const receivedPaise = Math.max(fund.receivedPaise, attributedPaise);
    return { ...fund, receivedPaise, attributedPaise, remainingPaise: receivedPaise - attributedPaise };
  });
const reportOf = fc
  .record({
    reportingOrg: fc.record({ ref: fc.constant("XI-IATI-EXAMPLE"), name: freeText, type: fc.constant("24") }),
    generatedAt: fc.constant("2021-07-01T00:00:00.000Z"),
    cbos: fc
      .array(fc.tuple(slug, fc.record({ name: freeText, state: fc.constantFrom("IN-KA", "IN-MH", "IN-WB") })))
      .map((entries) => new Map(entries)),
    donors: fc.array(
      fc.record({
        donorId: slug,
        donor: fc.option(fc.record({ name: freeText, kind: fc.constantFrom(...DONOR_KINDS) })),
        funds: fc.array(fundOf, { maxLength: 4 }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  })
  .filter((report) => report.donors.some((donor) => donor.funds.length > 0));

describe("any coalition's file (fast-check)", () => {
  it("is schema-valid, uses only listed codes, and its sums equal each fund's figures", async () => {
    fc.assert(
      fc.property(reportOf, (report) => {
        const xml = iatiActivities(report)!;
        expect(codeErrors(xml)).toEqual([]);
        const funds = report.donors.flatMap((donor) => donor.funds);
        expect(
          activitySums(xml).map(({ incomingPaise, expenditurePaise }) => [incomingPaise, expenditurePaise]),
        ).toEqual(funds.map((fund) => [fund.receivedPaise, fund.attributedPaise]));
      }),
      { numRuns: 100 },
    );
    // The schema check in one call for a sample, as starting the validator dominates its cost.
    const sample = fc.sample(reportOf, { numRuns: 60, seed: 17 }).map((report) => iatiActivities(report)!);
    expect(await schemaErrors(sample)).toEqual([]);
  });
});
