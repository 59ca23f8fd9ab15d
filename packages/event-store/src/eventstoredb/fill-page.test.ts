import { describe, expect, it } from "vitest";
import type { RecordedEvent } from "../types.js";
import { SCAN_BUDGET_RECORDS, fillPage, type LogRecord, type ReadRecords } from "./fill-page.js";

// Unit tests of the page-filling logic over stubbed server answers; the contract suite, run
// against a real server, is what shows the adapter reads a real $all correctly.

const ledger = (position: bigint): LogRecord => ({
  position,
  event: { position, id: `e${position}` } as RecordedEvent,
});
const server = (position: bigint): LogRecord => ({ position, event: undefined });

/** A $all that answers like the server: `count` records starting AT `from`, or at the start. */
function fakeLog(records: LogRecord[]) {
  const reads: Array<{ from: bigint | undefined; count: number }> = [];
  const read: ReadRecords = async (from, count) => {
    reads.push({ from, count });
    const start = from === undefined ? 0 : records.findIndex((record) => record.position >= from);
    return start < 0 ? [] : records.slice(start, start + count);
  };
  return { read, reads };
}

const positions = (events: RecordedEvent[]) => events.map((event) => event.position);

describe("EventStoreDB readAll page filling", () => {
  it("fills the page with ledger events although the server's own records follow each of them", async () => {
    const { read } = fakeLog([
      ledger(10n),
      server(11n),
      server(12n),
      ledger(20n),
      server(21n),
      ledger(30n),
      server(31n),
    ]);
    const page = await fillPage(read, 0n, 2);
    expect(positions(page.events)).toEqual([10n, 20n]);
    expect(page).toMatchObject({ next: 20n, isEnd: false });
    const rest = await fillPage(read, page.next, 2);
    expect(positions(rest.events)).toEqual([30n]);
    expect(rest).toMatchObject({ next: 30n, isEnd: true });
  });

  it("finds the one event after a leaf's predecessor when a server record follows it (maxCount 1)", async () => {
    const { read } = fakeLog([ledger(10n), server(11n), ledger(20n), server(21n)]);
    const page = await fillPage(read, 10n, 1);
    expect(positions(page.events)).toEqual([20n]);
  });

  it("skips the checkpoint record itself, since the server reads from a position inclusively", async () => {
    const { read, reads } = fakeLog([ledger(10n), ledger(20n), ledger(30n)]);
    const page = await fillPage(read, 10n, 2);
    expect(positions(page.events)).toEqual([20n, 30n]);
    expect(reads[0]).toEqual({ from: 10n, count: 3 });
  });

  it("keeps next at the last event handled when only server records follow it", async () => {
    const { read } = fakeLog([ledger(10n), server(11n), server(12n)]);
    expect(await fillPage(read, 10n, 5)).toEqual({ events: [], next: 10n, isEnd: true });
  });

  it("returns a partial page past a run of server records longer than the scan budget", async () => {
    const records = [ledger(1n), ...Array.from({ length: SCAN_BUDGET_RECORDS + 10 }, (_, i) => server(BigInt(i + 2)))];
    records.push(ledger(BigInt(SCAN_BUDGET_RECORDS + 20)));
    const { read } = fakeLog(records);
    const first = await fillPage(read, 1n, 10);
    expect(first.events).toEqual([]);
    expect(first.isEnd).toBe(false);
    expect(first.next > 1n).toBe(true);
    const second = await fillPage(read, first.next, 10);
    expect(positions(second.events)).toEqual([BigInt(SCAN_BUDGET_RECORDS + 20)]);
  });
});
