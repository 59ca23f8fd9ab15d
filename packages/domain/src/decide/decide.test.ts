import { PROBLEMS } from "../api/problems.js";
import { describe, expect, it } from "vitest";
import type { LedgerEvent } from "../events/catalogue.js";
import {
  DECIDED_ON as TODAY,
  given,
  givenFlags,
  givenLog,
  recordedDistribution,
  uuidOf,
} from "../testing/write-decider.testkit.js";
import type { Principal } from "../events/metadata.js";
import type { LedgerCommand } from "./commands.js";
import { writeRule } from "./decide.js";

const D1 = "0190f5a2-0000-7000-8000-000000000001";
const UNKNOWN = "0190f5a2-0000-7000-8000-0000000000ff";
const SUBMISSION = "0190f5a2-0000-7000-8000-0000000000aa";
const NOTE = "0190f5a2-0000-7000-8000-00000000e001";
const ashodaya = { role: "cbo" as const, keyId: "k1", cboId: "ashodaya-samithi" };

const cbo = { cboId: "ashodaya-samithi", name: "Ashodaya Samithi", state: "IN-KA", district: "Mysuru" } as const;
const donor = { donorId: "azim-trust", name: "A Trust", kind: "trust" } as const;
const cboRegistered: LedgerEvent = { type: "CboRegistered", data: cbo };
const donorRegistered: LedgerEvent = { type: "DonorRegistered", data: donor };
const fund = {
  fundId: "0190f5a2-0000-7000-8000-00000000f001",
  donorId: "azim-trust",
  cboId: "ashodaya-samithi",
  amountPaise: 100,
  receivedOn: "2021-01-01",
};
const recorded: LedgerEvent = {
  type: "DistributionRecorded",
  data: recordedDistribution(1, { submissionId: SUBMISSION }),
};
const voided: LedgerEvent = {
  type: "DistributionVoided",
  data: { distributionId: D1, cboId: "ashodaya-samithi", reason: "typed twice" },
};
const voidD1 = (reason: string, principal = ashodaya): LedgerCommand => ({
  type: "VoidDistribution",
  data: { distributionId: D1, reason, principal },
});

describe("decide: registrations and funds", () => {
  it("registers a CBO and a donor as they are given", () => {
    given([]).when({ type: "RegisterCbo", data: cbo }).then([cboRegistered]);
    given([]).when({ type: "RegisterDonor", data: donor }).then([donorRegistered]);
  });

  it("records funds between a known donor and CBO, and names each unknown one", () => {
    given([cboRegistered, donorRegistered])
      .when({ type: "RecordFunds", data: fund })
      .then([{ type: "FundsReceived", data: fund }]);
    given([])
      .when({ type: "RecordFunds", data: fund })
      .thenRefuses({
        reason: "breaks_rules",
        details: [
          { path: "donorId", message: "is not a registered donor" },
          { path: "cboId", message: "is not a registered CBO" },
        ],
      });
  });

  it("bounds receivedOn as distributedOn is: today and 2000-01-01 pass, later or earlier is refused naming it", () => {
    for (const receivedOn of [TODAY, "2000-01-01"]) {
      given([cboRegistered, donorRegistered])
        .when({ type: "RecordFunds", data: { ...fund, receivedOn } })
        .then([{ type: "FundsReceived", data: { ...fund, receivedOn } }]);
    }
    for (const [receivedOn, message] of [
      ["2021-06-02", PROBLEMS["date.future"]],
      ["9999-12-31", PROBLEMS["date.future"]],
      ["1999-12-31", PROBLEMS["date.tooOld"]],
      ["0000-01-01", PROBLEMS["date.tooOld"]],
    ] as const) {
      given([cboRegistered, donorRegistered])
        .when({ type: "RecordFunds", data: { ...fund, receivedOn } })
        .thenRefuses({ reason: "breaks_rules", details: [{ path: "receivedOn", message }] });
    }
  });
});

describe("decide: corrections", () => {
  it("voids a CBO's own distribution once", () => {
    given([cboRegistered, recorded]).when(voidD1("typed twice")).then([voided]);
    given([cboRegistered, recorded, voided])
      .when(voidD1("again"))
      .thenRefuses({ reason: "already_voided", details: [{ path: "distributionId", message: "is already voided" }] });
    given([cboRegistered])
      .when(voidD1("?"))
      .thenRefuses({
        reason: "breaks_rules",
        details: [{ path: "distributionId", message: "is not a recorded distribution" }],
      });
  });

  it("refuses another CBO's key, naming no field", () => {
    given([cboRegistered, recorded])
      .when(voidD1("x", { role: "cbo", keyId: "k2", cboId: "vamp-sangli" }))
      .thenRefuses({ reason: "not_permitted", details: [] });
  });

  it("resolves flags only for recorded distributions", () => {
    const resolution = { flagId: D1, verdict: "dismissed" as const, note: "two family members" };
    given([recorded])
      .when({ type: "ResolveFlag", data: resolution })
      .then([{ type: "DuplicateFlagResolved", data: resolution }]);
    given([])
      .when({ type: "ResolveFlag", data: { ...resolution, flagId: UNKNOWN } })
      .thenRefuses({
        reason: "breaks_rules",
        details: [{ path: "flagId", message: "is not a recorded distribution" }],
      });
  });

  it("takes a CBO's note on a flag whose window holds one of its distributions, for that CBO", () => {
    const note = "her sister collected the second kit for her";
    const command = (principal: Principal): LedgerCommand => ({
      type: "AddFlagNote",
      data: { flagId: D1, noteId: NOTE, note, principal },
    });
    const shown = givenFlags({ [D1]: ["ashodaya-samithi", "vamp-sangli"] });
    shown([recorded])
      .when(command(ashodaya))
      .then([{ type: "FlagNoteAdded", data: { flagId: D1, cboId: "ashodaya-samithi", note, noteId: NOTE } }]);
    // The other CBO of the window writes as itself: the event names the key's CBO.
    shown([recorded])
      .when(command({ role: "cbo", keyId: "k2", cboId: "vamp-sangli" }))
      .then([{ type: "FlagNoteAdded", data: { flagId: D1, cboId: "vamp-sangli", note, noteId: NOTE } }]);
  });

  it("refuses a note on a flag of other CBOs as not permitted, and on an unknown flag as breaking the rules", () => {
    const outsider = { role: "cbo" as const, keyId: "k3", cboId: "sangama-blr" };
    givenFlags({ [D1]: ["ashodaya-samithi", "vamp-sangli"] })([recorded])
      .when({ type: "AddFlagNote", data: { flagId: D1, noteId: NOTE, note: "not ours", principal: outsider } })
      .thenRefuses({ reason: "not_permitted", details: [] });
    // A recorded distribution that is not flagged (or not yet projected) is no flag.
    givenFlags({})([recorded])
      .when({ type: "AddFlagNote", data: { flagId: D1, noteId: NOTE, note: "ours", principal: ashodaya } })
      .thenRefuses({
        reason: "breaks_rules",
        details: [{ path: "flagId", message: "is not a flag the ledger shows" }],
      });
    // Only a CBO's key writes a CBO's note.
    givenFlags({ [D1]: ["ashodaya-samithi"] })([recorded])
      .when({
        type: "AddFlagNote",
        data: { flagId: D1, noteId: NOTE, note: "x", principal: { role: "auditor", keyId: "a1" } },
      })
      .thenRefuses({ reason: "not_permitted" });
  });

  it("takes a note once per noteId: the same note again appends nothing, other content under it is refused", () => {
    const note = "her sister collected the second kit for her";
    const addNote = (text: string, principal: Principal = ashodaya): LedgerCommand => ({
      type: "AddFlagNote",
      data: { flagId: D1, noteId: NOTE, note: text, principal },
    });
    const noted: LedgerEvent = {
      type: "FlagNoteAdded",
      data: { flagId: D1, cboId: "ashodaya-samithi", note, noteId: NOTE },
    };
    const shown = givenLog({ [D1]: ["ashodaya-samithi", "vamp-sangli"] });
    shown([recorded]).when(addNote(note)).then([noted]);
    // A retry after a lost answer: the note is in the log already, so nothing more is appended.
    shown([recorded, noted]).when(addNote(note)).then([]);
    const changed = "someone else's words entirely";
    const refused = shown([recorded, noted])
      .when(addNote(changed))
      .thenRefuses({
        reason: "already_recorded",
        details: [{ path: "noteId", message: "was recorded with other content" }],
      });
    // The refusal names the field, never the note: neither text is quoted.
    expect(JSON.stringify(refused)).not.toContain(note);
    expect(JSON.stringify(refused)).not.toContain(changed);
    // The same id from another CBO of the window is other content too (the note names its CBO).
    shown([recorded, noted])
      .when(addNote(note, { role: "cbo", keyId: "k2", cboId: "vamp-sangli" }))
      .thenRefuses({ reason: "already_recorded" });
    // Another note, under its own id, is a note of its own.
    const second = { ...addNote(note), data: { ...addNote(note).data, noteId: uuidOf(0xe002) } } as LedgerCommand;
    shown([recorded, noted])
      .when(second)
      .then([{ type: "FlagNoteAdded", data: { ...noted.data, noteId: uuidOf(0xe002) } }]);
  });

  it("keeps a note written before notes had ids on its flag's stream, and a new one beside it", () => {
    const old: LedgerEvent = { type: "FlagNoteAdded", data: { flagId: D1, cboId: "ashodaya-samithi", note: "one" } };
    givenLog({ [D1]: ["ashodaya-samithi"] })([recorded, old])
      .when({ type: "AddFlagNote", data: { flagId: D1, noteId: NOTE, note: "one", principal: ashodaya } })
      .then([{ type: "FlagNoteAdded", data: { flagId: D1, cboId: "ashodaya-samithi", note: "one", noteId: NOTE } }]);
  });

  it("sets the dedup policy as given", () => {
    const policy = { rules: { grocery_kit: { windowDays: 30, maxPerWindow: 2 } } };
    given([])
      .when({ type: "SetDedupPolicy", data: policy })
      .then([{ type: "DedupPolicySet", data: policy }]);
  });
});

describe("writeRule", () => {
  it("writes every id-keyed command once, naming the field a different second write conflicts on", () => {
    const once = (command: LedgerCommand) => {
      const rule = writeRule(command);
      return rule.kind === "once" ? { reason: rule.conflict.reason, path: rule.conflict.details[0]?.path } : rule.kind;
    };
    expect(once({ type: "RegisterCbo", data: cbo })).toEqual({ reason: "already_recorded", path: "cboId" });
    expect(once({ type: "RecordFunds", data: fund })).toEqual({ reason: "already_recorded", path: "fundId" });
    expect(once({ type: "RecordSubmission", data: { records: [] } })).toEqual({
      reason: "already_recorded",
      path: "submissionId",
    });
    expect(once(voidD1("x"))).toEqual({ reason: "already_voided", path: "distributionId" });
    const addNote: LedgerCommand = {
      type: "AddFlagNote",
      data: { flagId: D1, noteId: NOTE, note: "x", principal: ashodaya },
    };
    expect(once(addNote)).toEqual({ reason: "already_recorded", path: "noteId" });
    expect(once({ type: "SetDedupPolicy", data: { rules: { cooked_food: null } } })).toBe("append");
  });
});
