import type { Contribution } from "./contribution.js";
import type { Level } from "./levels.js";

/**
 * Money is a BigInt here: a batch's delta and the stored totals it moves are added exactly, so
 * the totals do not depend on how batches split the log (float addition is not associative).
 */
export interface MeasureDelta {
  distributions: number;
  value: bigint;
  attributed: bigint;
  scheme: bigint;
  persons: number;
}

export const zeroDelta = (): MeasureDelta => ({ distributions: 0, value: 0n, attributed: 0n, scheme: 0n, persons: 0 });

/** A level's changes in one batch, keyed by the joined key so one row is read and written once. */
export interface LevelDelta {
  measures: Map<string, { key: string[]; delta: MeasureDelta }>;
  persons: Map<string, { key: string[]; personId: string; change: number }>;
}

export const emptyLevelDelta = (): LevelDelta => ({ measures: new Map(), persons: new Map() });

const SEPARATOR = "\u0000";

export function measureEntry(level: LevelDelta, key: string[]): MeasureDelta {
  const joined = key.join(SEPARATOR);
  let entry = level.measures.get(joined);
  if (!entry) level.measures.set(joined, (entry = { key, delta: zeroDelta() }));
  return entry.delta;
}

/** Adds (sign 1) or takes away (sign -1) one distribution's contribution at one level. */
export function addContribution(level: Level, delta: LevelDelta, c: Contribution, sign: 1 | -1): void {
  const key = level.keyOf(c);
  const m = measureEntry(delta, key);
  const by = BigInt(sign);
  m.distributions += sign;
  m.value += by * BigInt(c.value);
  m.attributed += by * BigInt(c.attributed);
  m.scheme += by * BigInt(c.scheme);
  if (c.personId === null) return;
  const joined = [...key, c.personId].join(SEPARATOR);
  const entry = delta.persons.get(joined);
  if (entry) entry.change += sign;
  else delta.persons.set(joined, { key, personId: c.personId, change: sign });
}
