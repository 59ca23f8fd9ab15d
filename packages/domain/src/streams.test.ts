import { v7 } from "uuid";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EVENT_TYPES, type LedgerEvent } from "./events/catalogue.js";
import {
  STREAM_NAME_PATTERN,
  cboStream,
  distributionStream,
  donorStream,
  flagStream,
  fundStream,
  noteStream,
  streamFor,
  submissionStream,
} from "./streams.js";
import { EXAMPLE_DATA, IDS } from "./testing/events.testkit.js";

describe("streams", () => {
  it("names each event's stream", () => {
    const expected: Record<string, string> = {
      CboRegistered: "cbo-sangama-blr",
      DonorRegistered: "donor-azim-premji-fdn",
      FundsReceived: `fund-${IDS.fund}`,
      DistributionRecorded: `submission-${IDS.submission}`,
      DistributionVoided: `distribution-${IDS.distribution}`,
      DedupPolicySet: "policy-dedup",
      DuplicateFlagResolved: `flag-${IDS.distribution}`,
      FlagNoteAdded: `flag-${IDS.distribution}`,
      LedgerHeadSigned: "ledger-heads",
    };
    for (const type of EVENT_TYPES) {
      const stream = streamFor({ type, data: EXAMPLE_DATA[type] } as LedgerEvent);
      expect(stream).toBe(expected[type]);
      expect(stream).toMatch(STREAM_NAME_PATTERN);
    }
  });

  it("puts a note with an id in a stream of its own, and one written before notes had ids in its flag's", () => {
    const noteId = v7();
    const note = { ...EXAMPLE_DATA.FlagNoteAdded, noteId };
    expect(streamFor({ type: "FlagNoteAdded", data: note })).toBe(`note-${noteId}`);
    expect(streamFor({ type: "FlagNoteAdded", data: EXAMPLE_DATA.FlagNoteAdded })).toBe(`flag-${IDS.distribution}`);
  });

  it("fits the store's pattern for any valid id", () => {
    const slug = fc.stringMatching(/^[a-z0-9][a-z0-9-]{2,63}$/);
    fc.assert(
      fc.property(slug, (id) => {
        expect(cboStream(id)).toMatch(STREAM_NAME_PATTERN);
        expect(donorStream(id)).toMatch(STREAM_NAME_PATTERN);
      }),
    );
    const id = v7();
    for (const make of [fundStream, submissionStream, distributionStream, flagStream, noteStream]) {
      expect(make(id)).toMatch(STREAM_NAME_PATTERN);
    }
  });

  it("refuses ids that would name some other stream", () => {
    expect(() => cboStream("Sangama BLR")).toThrow(TypeError);
    expect(() => distributionStream("")).toThrow(TypeError);
    expect(() => fundStream(v7().toUpperCase())).toThrow(TypeError);
    expect(() => submissionStream("x-1")).toThrow(TypeError);
    expect(() => noteStream("note-1")).toThrow(TypeError);
  });
});
