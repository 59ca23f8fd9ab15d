import { describe, expect, it } from "vitest";
import { EXAMPLE_DATA } from "../testing/events.testkit.js";
import { EVENT_TYPES, eventSchemas, isEventType, parseLedgerEvent, type EventType } from "./catalogue.js";

type Data = Record<string, unknown>;

// One mutation per event that breaks exactly one field, and the path the error must name.
const MUTATIONS: [EventType, string, (data: Data) => Data][] = [
  ["CboRegistered", "data.state", (d) => ({ ...d, state: "IN-XX" })],
  ["CboRegistered", "data.name", (d) => ({ ...d, name: "" })],
  ["DonorRegistered", "data.kind", (d) => ({ ...d, kind: "bank" })],
  ["DonorRegistered", "data.donorId", (d) => ({ ...d, donorId: "Azim Premji" })],
  ["FundsReceived", "data.amountPaise", (d) => ({ ...d, amountPaise: 0 })],
  ["FundsReceived", "data.amountPaise", (d) => ({ ...d, amountPaise: 100.5 })],
  ["FundsReceived", "data.receivedOn", (d) => ({ ...d, receivedOn: "2020-02-30" })],
  ["FundsReceived", "data.restrictedTo", (d) => ({ ...d, restrictedTo: [] })],
  ["FundsReceived", "data.restrictedTo", (d) => ({ ...d, restrictedTo: ["cash_benefit", "cash_benefit"] })],
  ["FundsReceived", "data.restrictedTo.0", (d) => ({ ...d, restrictedTo: ["haircut"] })],
  ["DistributionRecorded", "data.beneficiaries", (d) => ({ ...d, beneficiaries: [] })],
  [
    "DistributionRecorded",
    "data.beneficiaries.0.pseudonym",
    (d) => ({ ...d, beneficiaries: [{ type: "aadhaar", value: "234123412346" }] }),
  ],
  ["DistributionRecorded", "data.quantity", (d) => ({ ...d, quantity: 0 })],
  ["DistributionRecorded", "data.valuePaise", (d) => ({ ...d, valuePaise: -1 })],
  ["DistributionRecorded", "data.funding.fundId", (d) => ({ ...d, funding: { kind: "fund" } })],
  ["DistributionRecorded", "data.distributedOn", (d) => ({ ...d, distributedOn: "10/04/2020" })],
  ["DistributionRecorded", "data.submissionId", (d) => ({ ...d, submissionId: "not-a-uuid" })],
  ["DistributionRecorded", "data", (d) => ({ ...d, memberName: "anything" })],
  ["DistributionVoided", "data.reason", (d) => ({ ...d, reason: " " })],
  [
    "DedupPolicySet",
    "data.rules.art_medicine.windowDays",
    (d) => ({ ...d, rules: { art_medicine: { windowDays: 0, maxPerWindow: 1 } } }),
  ],
  ["DuplicateFlagResolved", "data.verdict", (d) => ({ ...d, verdict: "maybe" })],
  ["DuplicateFlagResolved", "data.note", (d) => ({ ...d, note: "" })],
  ["FlagNoteAdded", "data.noteId", (d) => ({ ...d, noteId: "0190F5A2-0000-7000-8000-00000000E001" })],
  ["LedgerHeadSigned", "data.rootHash", (d) => ({ ...d, rootHash: "AB".repeat(32) })],
  ["LedgerHeadSigned", "data.signature", (d) => ({ ...d, signature: Buffer.alloc(64).toString("base64") })],
  ["LedgerHeadSigned", "data.treeSize", (d) => ({ ...d, treeSize: -1 })],
];

describe("event schemas", () => {
  it("cover every v1 event of docs/rules.md", () => {
    expect(EVENT_TYPES.toSorted()).toEqual(
      [
        "CboRegistered",
        "DedupPolicySet",
        "DistributionRecorded",
        "DistributionVoided",
        "DonorRegistered",
        "DuplicateFlagResolved",
        "FlagNoteAdded",
        "FundsReceived",
        "LedgerHeadSigned",
      ].toSorted(),
    );
  });

  it.each(EVENT_TYPES)("%s accepts its example unchanged", (type) => {
    expect(parseLedgerEvent(type, EXAMPLE_DATA[type])).toEqual({ ok: true, value: { type, data: EXAMPLE_DATA[type] } });
    expect(eventSchemas[type].safeParse(EXAMPLE_DATA[type]).success).toBe(true);
  });

  it("takes a note with its client's id, and one written before notes had ids", () => {
    const withId = { ...EXAMPLE_DATA.FlagNoteAdded, noteId: "0190f5a2-0000-7000-8000-00000000e001" };
    expect(parseLedgerEvent("FlagNoteAdded", withId)).toEqual({
      ok: true,
      value: { type: "FlagNoteAdded", data: withId },
    });
    expect(EXAMPLE_DATA.FlagNoteAdded).not.toHaveProperty("noteId");
  });

  it.each(MUTATIONS)("%s rejects a bad %s", (type, path, mutate) => {
    const result = parseLedgerEvent(type, mutate({ ...EXAMPLE_DATA[type] }));
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors.map((error) => error.path)).toContain(path);
  });

  it("accepts optional fields left out", () => {
    const { restrictedTo: _r, reference: _ref, ...fund } = EXAMPLE_DATA.FundsReceived;
    const { district: _d, ...distribution } = EXAMPLE_DATA.DistributionRecorded;
    expect(parseLedgerEvent("FundsReceived", fund).ok).toBe(true);
    expect(parseLedgerEvent("DistributionRecorded", distribution).ok).toBe(true);
  });

  it("rejects an unknown type, or data of another type", () => {
    expect(isEventType("MemberRegistered")).toBe(false);
    expect(isEventType("toString")).toBe(false);
    expect(parseLedgerEvent("MemberRegistered", {})).toEqual({
      ok: false,
      errors: [{ path: "type", message: "is not a v1 event type" }],
    });
    expect(parseLedgerEvent("DonorRegistered", EXAMPLE_DATA.CboRegistered).ok).toBe(false);
  });
});
