import type { LedgerEvent } from "@relief-ledger/domain";
import { byFund, byScheme, cbo, distribution, donor, fund, policy, resolution, voidOf } from "./events.testkit.js";

/**
 * A small ledger that exercises every projection: two CBOs, restricted and open funds, a person
 * joined across CBOs by a phone, a void, a late batch, a policy change and a resolution.
 */
export const mixedLedger = (): LedgerEvent[] => [
  cbo("sangama-blr", "IN-KA"),
  cbo("vamp-sangli", "IN-MH"),
  donor("azim-trust"),
  fund({ fund: 1, cboId: "sangama-blr", amountPaise: 250_000, receivedOn: "2020-04-01" }),
  fund({
    fund: 2,
    cboId: "sangama-blr",
    amountPaise: 500_000,
    receivedOn: "2020-04-05",
    restrictedTo: ["art_medicine"],
  }),
  distribution({ id: 1, cboId: "sangama-blr", on: "2020-04-10", people: [1, 2], submission: 1 }),
  distribution({ id: 2, cboId: "sangama-blr", on: "2020-04-20", people: [3], submission: 1 }),
  distribution({ id: 3, cboId: "sangama-blr", on: "2020-04-25", people: [4], service: "art_medicine", submission: 1 }),
  distribution({ id: 4, cboId: "vamp-sangli", on: "2020-04-28", people: [2], funding: byScheme(), submission: 2 }),
  distribution({ id: 5, cboId: "sangama-blr", on: "2020-05-02", people: [1], funding: byFund(1), submission: 3 }),
  voidOf(2, "sangama-blr"),
  distribution({ id: 6, cboId: "sangama-blr", on: "2020-04-02", people: [5], submission: 4 }),
  policy({ art_medicine: { windowDays: 40, maxPerWindow: 1 } }),
  distribution({ id: 7, cboId: "sangama-blr", on: "2020-05-15", people: [4], service: "art_medicine", submission: 5 }),
  resolution(5, "dismissed", "two members share a phone"),
];
