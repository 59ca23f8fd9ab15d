import type { RecordedEvent } from "@relief-ledger/event-store";
import { RANK, type ProblemLog } from "./problem-log.js";
import type { Problem } from "./types.js";

// A gap this wide is not a few deleted events; remembering each revision would only cost memory.
const MAX_TRACKED_GAP = 1_000;

/**
 * What the store alone says about order: SQLite's positions count up without gaps, and every
 * stream's revisions count 0, 1, 2… in log order. A revision skipped is missing until it shows up
 * later, which makes the skip a reordering instead.
 */
export class LogOrderCheck {
  #expected: bigint | undefined;
  readonly #next = new Map<string, number>();
  readonly #gaps = new Map<string, Map<number, Problem>>();

  constructor(
    private readonly problems: ProblemLog,
    dense: boolean,
  ) {
    this.#expected = dense ? 1n : undefined;
  }

  /** An unreadable event still takes its position. */
  position(position: bigint, ordinal: number): void {
    if (this.#expected === undefined) return;
    if (position > this.#expected) {
      const last = position - 1n;
      const which = last === this.#expected ? `position ${last} is` : `positions ${this.#expected} to ${last} are`;
      this.problems.add(ordinal, RANK.located, {
        kind: "missing",
        position: this.#expected,
        leafIndex: ordinal,
        message: `${which} missing from the log`,
      });
    }
    this.#expected = position + 1n;
  }

  check(event: RecordedEvent, ordinal: number): void {
    this.position(event.position, ordinal);
    const { stream, revision, position, id: eventId } = event;
    const next = this.#next.get(stream) ?? 0;
    if (revision === next) {
      this.#next.set(stream, next + 1);
      return;
    }
    if (revision > next) {
      const problem = this.problems.add(ordinal, RANK.located, {
        kind: "missing",
        position,
        eventId,
        leafIndex: ordinal,
        message: `stream ${stream} goes from revision ${next - 1} to ${revision}: revision ${next}${revision - next > 1 ? ` to ${revision - 1}` : ""} missing`,
      });
      const gaps = this.#gaps.get(stream) ?? new Map<number, Problem>();
      for (let r = next; r < revision && r < next + MAX_TRACKED_GAP; r++) gaps.set(r, problem);
      this.#gaps.set(stream, gaps);
      this.#next.set(stream, revision + 1);
      return;
    }
    const gap = this.#gaps.get(stream)?.get(revision);
    if (gap) {
      this.#gaps.get(stream)?.delete(revision);
      gap.kind = "reordered";
      gap.message = `stream ${stream}: revision ${revision} is at position ${position}, after the later revision at position ${gap.position}`;
      return;
    }
    this.problems.add(ordinal, RANK.located, {
      kind: "reordered",
      position,
      eventId,
      leafIndex: ordinal,
      message: `stream ${stream}: revision ${revision} appears again after revision ${next - 1}`,
    });
  }
}
