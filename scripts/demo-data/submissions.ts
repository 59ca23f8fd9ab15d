import { contextOf } from "./context.js";
import { toDistribution } from "./distributions.js";
import { GROUPS } from "./plan.js";
import { VOID_KINDS } from "./profiles.js";
import { scheduleOf, type Entry, type ScheduleContext } from "./schedule.js";
import type { Batch, Coalition, MemberSpec, PlannedSubmission, SubmissionGroup } from "./types.js";

interface Row {
  member: number;
  entry: Entry;
}

type Rows = Record<SubmissionGroup, Row[]>;

/** For each member, a bit per upload round holding any of her distributions (32 rounds a word). */
function roundMasks(ctx: ScheduleContext, members: readonly MemberSpec[], words: number): Uint32Array {
  const masks = new Uint32Array(members.length * words);
  members.forEach((member, m) => {
    for (const { round } of scheduleOf(ctx, member, m)) masks[m * words + (round >>> 5)]! |= 1 << (round & 31);
  });
  return masks;
}

/** One round's rows, by CBO: only members with something in the round are scheduled again. */
function roundRows(ctx: ScheduleContext, coalition: Coalition, masks: Uint32Array, words: number, round: number) {
  const byCbo = new Map<number, Rows>();
  const bit = 1 << (round & 31);
  coalition.members.forEach((member, m) => {
    if ((masks[m * words + (round >>> 5)]! & bit) === 0) return;
    for (const entry of scheduleOf(ctx, member, m)) {
      if (entry.round !== round) continue;
      let rows = byCbo.get(entry.cbo);
      if (!rows) byCbo.set(entry.cbo, (rows = { on_time: [], late: [], correction: [] }));
      rows[entry.group].push({ member: m, entry });
    }
  });
  return byCbo;
}

/**
 * The coalition's submissions in upload order, each with the voids of its own distributions.
 * Built one upload round at a time from the members' schedules, so at full scale a round's rows
 * are in memory (about a month), never the year.
 */
export function* submissionsOf(coalition: Coalition): Generator<Batch> {
  const ctx = contextOf(coalition);
  const { seed, members } = coalition;
  const districts = coalition.cbos.map((c) => c.registration.district);
  const plan = coalition.submissions;
  const words = ((plan.at(-1)?.round ?? 0) >>> 5) + 1;
  const masks = roundMasks(ctx, members, words);

  let current: { round: number; byCbo: Map<number, Rows> } | undefined;
  for (let start = 0; start < plan.length;) {
    // One CBO's submissions in one round are consecutive in the plan, and rounds come in order.
    const { cboId, round } = plan[start]!;
    let end = start;
    while (end < plan.length && plan[end]!.cboId === cboId && plan[end]!.round === round) end++;
    if (current?.round !== round) {
      if (current && current.byCbo.size > 0) throw new Error("demo data: rows were scheduled that no submission holds");
      current = { round, byCbo: roundRows(ctx, coalition, masks, words, round) };
    }
    const cbo = ctx.cboIndex.get(cboId)!;
    const rows = current.byCbo.get(cbo) ?? { on_time: [], late: [], correction: [] };
    current.byCbo.delete(cbo);
    // Sheets are kept in date order; the sort is stable, so members keep their order within a day.
    for (const group of GROUPS) rows[group].sort((a, b) => a.entry.day - b.entry.day);

    const taken: Record<SubmissionGroup, number> = { on_time: 0, late: 0, correction: 0 };
    const batchSize = coalition.cbos[cbo]!.batchSize;
    for (let i = start; i < end; i++) {
      const planned: PlannedSubmission = plan[i]!;
      const chunk = rows[planned.group].slice(taken[planned.group], taken[planned.group] + planned.size);
      taken[planned.group] += planned.size;
      if (chunk.length !== planned.size || planned.size > batchSize) {
        throw new Error(`demo data: submission ${i} does not match its plan; the description was altered`);
      }
      const distributions = chunk.map(({ member, entry }) =>
        toDistribution(seed, districts, members[member]!, member, entry),
      );
      const voids = chunk.flatMap(({ entry }, j) =>
        entry.voidKind === undefined
          ? []
          : [
              {
                distributionId: distributions[j]!.distributionId,
                cboId,
                kind: entry.voidKind,
                reason: VOID_KINDS[entry.voidKind].reason,
              },
            ],
      );
      yield { plan: planned, submission: { submissionId: planned.submissionId, cboId, distributions }, voids };
    }
    for (const group of GROUPS) {
      if (taken[group] !== rows[group].length) {
        throw new Error(`demo data: CBO ${cboId} round ${round} has rows its plan does not cover`);
      }
    }
    start = end;
  }
  if (current && current.byCbo.size > 0) throw new Error("demo data: rows were scheduled that no submission holds");
}
