import { monthStart, msOf, type Period } from "./calendar.js";
import { Rng } from "./prng.js";
import { STREAM } from "./schedule.js";
import type { CboSpec, PlannedSubmission, SubmissionGroup } from "./types.js";

export const GROUPS: readonly SubmissionGroup[] = ["on_time", "late", "correction"];

/** Sizes of the batches `count` rows make at `batchSize` rows each. */
export function chunkSizes(count: number, batchSize: number): number[] {
  const sizes: number[] = [];
  for (let left = count; left > 0; left -= batchSize) sizes.push(Math.min(left, batchSize));
  return sizes;
}

export interface Chunk {
  group: SubmissionGroup;
  chunk: number;
  size: number;
}

/**
 * The order of one CBO's uploads in one round: its first on-time batch, then the late batches, then
 * the rest and the corrections. So a late batch sits between batches of later dates.
 */
export function uploadOrder(sizes: Record<SubmissionGroup, number[]>): Chunk[] {
  const chunks = (group: SubmissionGroup) => sizes[group].map((size, chunk) => ({ group, chunk, size }));
  const [first, ...rest] = chunks("on_time");
  return [...(first ? [first] : []), ...chunks("late"), ...rest, ...chunks("correction")];
}

/** Counts of rows per CBO, round and group, as the eager pass tallies them. */
export class RowCounts {
  private readonly counts = new Map<number, number>();
  rounds = 0;

  private static key(cbo: number, round: number, group: SubmissionGroup): number {
    return (cbo * 64 + round) * 4 + GROUPS.indexOf(group);
  }

  add(cbo: number, round: number, group: SubmissionGroup): void {
    const key = RowCounts.key(cbo, round, group);
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.rounds = Math.max(this.rounds, round + 1);
  }

  get(cbo: number, round: number, group: SubmissionGroup): number {
    return this.counts.get(RowCounts.key(cbo, round, group)) ?? 0;
  }
}

/** The CBOs' upload order in a round: a different shuffle each round, as uploads really arrive. */
export const roundOrder = (seed: number, round: number, cboCount: number): number[] =>
  Rng.from(seed, STREAM.roundOrder, round).shuffle(Array.from({ length: cboCount }, (_, i) => i));

/** Every submission of the coalition, in upload order, with ids fixed by the seed. */
export function planSubmissions(
  seed: number,
  cbos: readonly CboSpec[],
  counts: RowCounts,
  period: Period,
): PlannedSubmission[] {
  const plan: PlannedSubmission[] = [];
  for (let round = 0; round < counts.rounds; round++) {
    for (const cbo of roundOrder(seed, round, cbos.length)) {
      const spec = cbos[cbo]!;
      const sizes = {} as Record<SubmissionGroup, number[]>;
      for (const group of GROUPS) sizes[group] = chunkSizes(counts.get(cbo, round, group), spec.batchSize);
      for (const { group, chunk, size } of uploadOrder(sizes)) {
        const rng = Rng.from(seed, STREAM.submission, cbo, round, GROUPS.indexOf(group), chunk);
        // Round r is uploaded during the month after month r.
        const uploadDay = monthStart(period.start, round + 1) + rng.int(28);
        plan.push({
          submissionId: rng.uuidV7(msOf(uploadDay) + rng.int(86_400_000)),
          cboId: spec.registration.cboId,
          round,
          group,
          size,
        });
      }
    }
  }
  return plan;
}
