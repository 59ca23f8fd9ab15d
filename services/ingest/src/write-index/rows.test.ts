import { describe, expect, it } from "vitest";
import { EVENT_TYPES, type LedgerEvent } from "@relief-ledger/domain";
import { EXAMPLE_DATA } from "@relief-ledger/domain/testing";
import { foldIntoWriteIndex, type WriteIndexSink } from "./rows.js";

const example = (type: LedgerEvent["type"]) => ({ type, data: EXAMPLE_DATA[type] }) as LedgerEvent;

/** Given these events, when the fold runs over them: the rows a sink is handed, each with the fields it names. */
function rowsFoldedFrom(events: readonly LedgerEvent[]): unknown[][] {
  const rows: unknown[][] = [];
  const recorder: WriteIndexSink = {
    cboAdded: (cboId) => void rows.push(["cbo", cboId]),
    donorAdded: (donorId) => void rows.push(["donor", donorId]),
    fundAdded: (...fund) => void rows.push(["fund", ...fund]),
    distributionAdded: (...distribution) => void rows.push(["distribution", ...distribution]),
    distributionVoided: (distributionId) => void rows.push(["void", distributionId]),
  };
  for (const event of events) foldIntoWriteIndex(event, recorder);
  return rows;
}

const FUND = EXAMPLE_DATA.FundsReceived.fundId;
const DISTRIBUTION = EXAMPLE_DATA.DistributionRecorded.distributionId;
const SUBMISSION = EXAMPLE_DATA.DistributionRecorded.submissionId;

describe("the write index's fold (events in, rows out)", () => {
  it("given one event of every type: a row for each the write side keeps, in order, and none for the rest", () => {
    expect(rowsFoldedFrom(EVENT_TYPES.map(example))).toEqual([
      ["cbo", "sangama-blr"],
      ["donor", "azim-premji-fdn"],
      ["fund", FUND, "sangama-blr", "azim-premji-fdn", ["grocery_kit", "cooked_food"]],
      ["distribution", DISTRIBUTION, "sangama-blr", SUBMISSION],
      ["void", DISTRIBUTION],
    ]);
  });

  it("given only events the write side ignores: no rows", () => {
    const ignored = ["DedupPolicySet", "DuplicateFlagResolved", "FlagNoteAdded", "LedgerHeadSigned"] as const;
    expect(rowsFoldedFrom(ignored.map(example))).toEqual([]);
  });

  it("given a fund with no restriction and a repeated id: both rows handed on, the first-wins rule left to the sink", () => {
    const { restrictedTo: _anyService, ...unrestricted } = EXAMPLE_DATA.FundsReceived;
    const events: LedgerEvent[] = [
      { type: "FundsReceived", data: unrestricted },
      { type: "FundsReceived", data: { ...unrestricted, cboId: "vamp-sangli" } },
    ];
    expect(rowsFoldedFrom(events)).toEqual([
      ["fund", FUND, "sangama-blr", "azim-premji-fdn", undefined],
      ["fund", FUND, "vamp-sangli", "azim-premji-fdn", undefined],
    ]);
  });
});
