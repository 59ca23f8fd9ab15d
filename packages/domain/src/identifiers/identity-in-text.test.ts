import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { VALID_AADHAAR, validAadhaar, withCheckDigit } from "../testing/identities.testkit.js";
import { findIdentityInText } from "./identity-in-text.js";
import { isVerhoeffValid } from "./verhoeff.js";

describe("findIdentityInText: worked examples", () => {
  it.each([
    ["beneficiary 200099900017", "aadhaar"],
    ["Aadhaar 2341 2341 2346 seen", "aadhaar"],
    ["id 4991-8765-4323", "aadhaar"],
    ["card 9876.5432.1012", "aadhaar"],
    ["call +91 9123456780", "phone"],
    ["call +91-91234-56780 after 6", "phone"],
    ["ph 09123456780", "phone"],
    ["ph: 91234 56780", "phone"],
    ["0091 9123456780", "phone"],
    ["919123456780", "phone"],
    ["batch 3 9123456780", "phone"],
    ["Lakshmi9123456780", "phone"],
    ["९१२३४५६७८०", "phone"],
    ["৯১২৩৪৫৬৭৮০ নম্বরে ফোন", "phone"],
    ["voter card ABC1234567", "voter_id"],
    ["epic: abc1234567.", "voter_id"],
  ])("%s holds a %s number", (text, kind) => {
    expect(findIdentityInText(text)).toBe(kind);
  });

  it.each([
    "Bengaluru Urban",
    "North 24 Parganas",
    "Ashodaya Samithi",
    "Ward No. 12 Mahila Sangha",
    "Distributed on 14/05/2021 to 25 members",
    "2021-05-14",
    "Rs 1,50,000 received 2021-22",
    "PIN 560 001",
    "Cheque No. 004512",
    "NEFT UTR SBINN52021063012345678",
    "NEFT UTR SBINN09123456780",
    "RTGS HDFCR52021063000012345",
    "IMPS RRN 216912345678",
    "UPI Ref No. 312345678904",
    "IFSC SBIN0001234",
    "PAN ABCDE1234F",
    "phone 1234567890",
    "aadhaar 2341 2341 2345",
    "ABCD1234567",
    "AB1234567",
    "ABC12345678",
  ])("%s holds none", (text) => {
    expect(findIdentityInText(text)).toBeUndefined();
  });

  it("still finds a mobile number after a bank label: only the Aadhaar test is waived there", () => {
    expect(findIdentityInText("RRN 919123456780")).toBe("phone");
    expect(findIdentityInText("RRN 2341 2341 2346")).toBe("aadhaar");
    expect(findIdentityInText(`RRN ${VALID_AADHAAR[0]}`)).toBeUndefined();
  });
});

const separators = fc.constantFrom(" ", "-", ".", "", " - ");
const words = fc.stringMatching(/^[A-Za-z ,:()]{0,20}$/);

describe("findIdentityInText: every spelling of every number is found", () => {
  it("finds any valid Aadhaar, grouped 4-4-4 with any separator, anywhere in text", () => {
    fc.assert(
      fc.property(validAadhaar(), separators, words, words, (aadhaar, sep, before, after) => {
        const spelled = `${aadhaar.slice(0, 4)}${sep}${aadhaar.slice(4, 8)}${sep}${aadhaar.slice(8)}`;
        expect(findIdentityInText(`${before} ${spelled} ${after}`)).toBeDefined();
      }),
      { numRuns: 500 },
    );
  });

  it("finds any mobile number with or without +91, 0091 or 0 and split anywhere", () => {
    const mobile = fc.stringMatching(/^[6-9][0-9]{9}$/);
    const prefix = fc.constantFrom("", "+91", "+91 ", "0", "0091 ", "91");
    fc.assert(
      fc.property(
        mobile,
        prefix,
        separators,
        fc.integer({ min: 1, max: 9 }),
        words,
        (number, pre, sep, cut, before) => {
          const spelled = `${pre}${number.slice(0, cut)}${sep}${number.slice(cut)}`;
          expect(findIdentityInText(`${before} ${spelled}`)).toBe("phone");
        },
      ),
      { numRuns: 500 },
    );
  });

  it("finds any EPIC number in either case", () => {
    const epic = fc.stringMatching(/^[A-Za-z]{3}[0-9]{7}$/);
    fc.assert(
      fc.property(epic, words, (number, before) => {
        expect(findIdentityInText(`${before} ${number}.`)).toBe("voter_id");
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// False positives on realistic text. Each category is generated from a fixed seed, so the rates
// printed are the same on every run and a change to the rule shows up as a change in them.

const DISTRICTS = [
  "Mysuru",
  "Bengaluru Urban",
  "Bengaluru Rural",
  "Belagavi",
  "Ballari",
  "Dharwad",
  "Kalaburagi",
  "Dakshina Kannada",
  "Sangli",
  "Satara",
  "Kolhapur",
  "Pune",
  "Mumbai Suburban",
  "Thane",
  "Nagpur",
  "Solapur",
  "Ahmednagar",
  "Kolkata",
  "North 24 Parganas",
  "South 24 Parganas",
  "Purba Medinipur",
  "Paschim Bardhaman",
  "Darjeeling",
  "Hooghly",
  "Howrah",
  "Murshidabad",
  "Nadia",
  "Jalpaiguri",
  "Guntur",
  "Krishna",
  "East Godavari",
  "Visakhapatnam",
  "Anantapur",
  "Chittoor",
  "Hyderabad",
  "Ranga Reddy",
  "Warangal",
  "Karimnagar",
  "Chennai",
  "Coimbatore",
  "Madurai",
  "Tiruchirappalli",
  "Salem",
  "Tirunelveli",
  "Kamrup Metropolitan",
  "Cachar",
  "Dibrugarh",
  "Jorhat",
  "Imphal West",
  "Imphal East",
  "Churachandpur",
  "Aizawl",
  "Lunglei",
  "Dimapur",
  "Kohima",
  "Ahmedabad",
  "Surat",
  "Vadodara",
  "Rajkot",
  "Jaipur",
  "Ajmer",
  "Jodhpur",
  "Lucknow",
  "Kanpur Nagar",
  "Varanasi",
  "Agra",
  "Patna",
  "Muzaffarpur",
  "Gaya",
  "Ranchi",
  "East Singhbhum",
  "Bhopal",
  "Indore",
  "Gwalior",
  "Khordha",
  "Cuttack",
  "Ganjam",
  "Thiruvananthapuram",
  "Ernakulam",
  "Kozhikode",
  "Thrissur",
  "Central Delhi",
  "North East Delhi",
  "Ludhiana",
  "Amritsar",
  "Y.S.R. Kadapa",
  "Sri Potti Sriramulu Nellore",
  "Dakshin Dinajpur",
  "Uttar Dinajpur",
];
const WORDS = [
  "Mahila",
  "Sangha",
  "Samithi",
  "Samiti",
  "Sangram",
  "Durbar",
  "Swathi",
  "Ashodaya",
  "Vikas",
  "Shakti",
  "Jyoti",
  "Sakhi",
  "Saheli",
  "Samuha",
  "Forum",
  "Collective",
  "Union",
  "Trust",
  "Society",
  "Seva",
  "Kendra",
  "Jagriti",
  "Mitra",
  "Sneha",
  "Abhiyan",
  "Manch",
  "Parishad",
  "Network",
  "Sanghatan",
  "Suraksha",
];
const DONORS = [
  "Azim Premji Foundation",
  "Tata Trusts",
  "Give India",
  "Rotary Club of Bangalore",
  "Lions Club",
  "St. Joseph's Parish",
  "Gurudwara Sahib Committee",
  "Infosys Foundation",
  "Goonj",
  "HelpAge India",
  "District Collector",
  "Anonymous",
];

/** A small fixed-seed generator (mulberry32): the corpus is the same on every run. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!;
  const digits = (n: number) => Array.from({ length: n }, () => int(0, 9)).join("");
  const pad = (n: number, width: number) => String(n).padStart(width, "0");
  const letters = (n: number) => Array.from({ length: n }, () => String.fromCharCode(65 + int(0, 25))).join("");
  const date = () => `${pad(int(1, 28), 2)}/${pad(int(1, 12), 2)}/${int(2020, 2026)}`;
  return { int, pick, digits, pad, letters, date };
}

const r = random(20210514);
const BANKS = ["SBIN", "HDFC", "ICIC", "UTIB", "KKBK", "PUNB", "CNRB", "BARB", "IOBA", "YESB"];
const rrn = () => `${r.int(2021, 2026) % 10}${r.pad(r.int(1, 365), 3)}${r.pad(r.int(0, 23), 2)}${r.digits(6)}`;
const CATEGORIES: Record<string, () => string> = {
  "district names": () => r.pick(DISTRICTS),
  "CBO names": () =>
    r.pick([
      () => `${r.pick(WORDS)} ${r.pick(WORDS)} ${r.pick(WORDS)}`,
      () => `${r.pick(DISTRICTS)} ${r.pick(WORDS)} ${r.pick(WORDS)}`,
      () => `Ward No. ${r.int(1, 198)} ${r.pick(WORDS)} ${r.pick(WORDS)}`,
      () => `${r.pick(WORDS)} ${r.pick(WORDS)} Unit ${r.int(1, 40)}, ${r.pick(DISTRICTS)}`,
    ])(),
  "donor names": () => `${r.pick(DONORS)}${r.int(0, 3) === 0 ? ` ${r.pick(DISTRICTS)} ${r.int(1, 3200)}` : ""}`,
  "NEFT UTRs, 16 characters": () => `NEFT UTR ${r.pick(BANKS)}N${r.digits(11)}`,
  "NEFT/RTGS UTRs, 22 characters": () =>
    `${r.pick(["NEFT", "RTGS", "UTR"])} ${r.pick(BANKS)}${r.pick(["N", "R"])}${r.int(1, 9)}${r.int(2021, 2026)}${r.pad(r.int(1, 12), 2)}${r.pad(r.int(1, 28), 2)}${r.digits(8)}`,
  "IMPS RRNs and UPI refs, labelled": () => `${r.pick(["IMPS RRN", "RRN", "UPI Ref No.", "UTR:", "IMPS/"])} ${rrn()}`,
  "IMPS RRNs, bare 12 digits": rrn,
  "cheques and grant references": () =>
    r.pick([
      () => `Cheque No. ${r.digits(6)} dated ${r.date()}`,
      () => `GR/${r.int(2020, 2026)}-${r.pad(r.int(21, 27), 2)}/${r.pad(r.int(1, 999), 4)}`,
      () => `FCRA/${r.int(2020, 2026)}/${r.int(1, 400)}`,
      () => `Grant agreement ${r.letters(2)}-${r.int(2020, 2026)}-${r.pad(r.int(1, 9999), 4)}`,
      () =>
        `Invoice INV-${r.int(2020, 2026)}${r.pad(r.int(1, 12), 2)}${r.pad(r.int(1, 28), 2)}-${r.pad(r.int(1, 99), 2)}`,
    ])(),
  "void reasons and flag notes": () =>
    r.pick([
      () => `entered twice on ${r.date()}, see row ${r.int(2, 1001)}`,
      () => `${r.int(1, 12)} kits returned; Rs ${r.int(1, 99)},${r.pad(r.int(0, 999), 3)} refunded`,
      () => `family of ${r.int(2, 9)} in ward ${r.int(1, 198)}, PIN ${r.int(110, 855)} ${r.pad(r.int(1, 999), 3)}`,
      () => `visited at ${r.pad(r.int(8, 19), 2)}:${r.pad(r.int(0, 59), 2)} on ${r.date()}; two members share a phone`,
      () =>
        `scheme ${r.pick(["PDS", "Ujjwala", "PM-KISAN", "Lakshmir Bhandar", "Gruha Lakshmi"])} ${r.int(2020, 2026)}-${r.pad(r.int(21, 27), 2)} instalment ${r.int(1, 12)}`,
    ])(),
  "10-digit bank account numbers": () => `transfer from a/c ${r.digits(10)}`,
  "landlines with a 07x/08x STD code": () => {
    const std = r.pick(["80", "79", "821", "836", "755"]);
    return `office 0${std}-${r.digits(10 - std.length)}`;
  },
};

const SAMPLES = 10_000;

describe("findIdentityInText: false positives on realistic text", () => {
  const rates = Object.fromEntries(
    Object.entries(CATEGORIES).map(([name, make]) => {
      let refused = 0;
      for (let i = 0; i < SAMPLES; i++) if (findIdentityInText(make()) !== undefined) refused += 1;
      return [name, refused / SAMPLES];
    }),
  );

  it("prints the measured rates", () => {
    const lines = Object.entries(rates).map(([name, rate]) => `  ${(rate * 100).toFixed(2).padStart(6)}%  ${name}`);
    process.stdout.write(`free-text identity rule, refused per ${SAMPLES} generated values:\n${lines.join("\n")}\n`);
    expect(Object.keys(rates)).toHaveLength(Object.keys(CATEGORIES).length);
  });

  it("refuses no name, district, UTR, labelled RRN, grant reference or ordinary note", () => {
    for (const name of [
      "district names",
      "CBO names",
      "donor names",
      "NEFT UTRs, 16 characters",
      "NEFT/RTGS UTRs, 22 characters",
      "IMPS RRNs and UPI refs, labelled",
      "cheques and grant references",
      "void reasons and flag notes",
    ])
      expect({ name, rate: rates[name] }).toEqual({ name, rate: 0 });
  });

  it("refuses about one bare 12-digit RRN in twelve: those that pass the Verhoeff check by chance", () => {
    // Expected: the share of RRNs that start 2–9 (years 2022–26: 5 of 6) times one in ten.
    expect(rates["IMPS RRNs, bare 12 digits"]).toBeGreaterThan(0.06);
    expect(rates["IMPS RRNs, bare 12 digits"]).toBeLessThan(0.11);
  });

  it("refuses what is indistinguishable from a mobile number: 10 digits from 6–9, or a trunk 0 then 7 or 8", () => {
    expect(rates["10-digit bank account numbers"]).toBeGreaterThan(0.35);
    expect(rates["landlines with a 07x/08x STD code"]).toBe(1);
  });

  it("checks what it assumes of Verhoeff: one random 12-digit string in ten passes", () => {
    const g = random(7);
    let valid = 0;
    for (let i = 0; i < SAMPLES; i++)
      if (isVerhoeffValid(withCheckDigit(g.digits(10)).slice(0, 11) + g.digits(1))) valid += 1;
    expect(valid / SAMPLES).toBeGreaterThan(0.08);
    expect(valid / SAMPLES).toBeLessThan(0.12);
  });
});
