import { afterEach, describe, expect, it, vi } from "vitest";
import { cbo, distribution, flagNote, policy, uid } from "../testing/events.testkit.js";
import { withLedger } from "../testing/ledger.testkit.js";

// Notes carry the client's noteId since decision 0054; the notes written before have none. The
// id is for the write side (a retry is known by it): the read model keeps neither more nor less
// for it, so a log of old notes projects as it always did.

const SANGAMA = "sangama-blr";
const VAMP = "vamp-sangli";
/** Person 1 got a kit from each CBO within the window: distribution 2 is flagged, involving both. */
const FLAGGED = [
  cbo(SANGAMA),
  cbo(VAMP),
  policy({ grocery_kit: { windowDays: 30, maxPerWindow: 1 } }),
  distribution({ id: 1, cboId: SANGAMA, on: "2021-05-01", people: [1] }),
  distribution({ id: 2, cboId: VAMP, on: "2021-05-10", people: [1] }),
];

/** The notes as projected (every column), the digests, and how many events were rejected. */
const projected = (withIds: boolean) =>
  withLedger({}, async (ledger) => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2021-06-01T09:30:00.000Z") });
    const id = (n: number) => (withIds ? uid(0xe000 + n) : undefined);
    await ledger.append(
      ...FLAGGED,
      flagNote(2, SANGAMA, "our kit was the regular one", id(1)),
      flagNote(2, VAMP, "she had moved to Sangli that week", id(2)),
    );
    const db = await ledger.project();
    return {
      notes: db.prepare("SELECT * FROM flag_notes ORDER BY length(position), position").all(),
      rejected: db.prepare("SELECT COUNT(*) AS n FROM rejected_events").get(),
      digests: ledger.projector.digests(),
    };
  });

describe("flag notes in the read model", () => {
  // The store stamps each event with the time it is written, which the read model keeps (noted_at):
  // both logs are written at the same moment, so only the notes' ids tell them apart.
  afterEach(() => vi.useRealTimers());

  it("projects notes with the client's id exactly as notes written before notes had ids", async () => {
    const before = await projected(false);
    const since = await projected(true);
    expect(before.notes).toHaveLength(2);
    expect(before.rejected).toEqual({ n: 0 });
    expect(since.rejected).toEqual({ n: 0 });
    expect(since.notes).toEqual(before.notes);
    expect(JSON.stringify(since.notes)).not.toContain(uid(0xe001));
    expect(since.digests).toEqual(before.digests);
  });
});
