import type { Database } from "better-sqlite3";
import { assertInvariant } from "@relief-ledger/domain";
import { measureEntry, type LevelDelta } from "./delta.js";
import type { Level } from "./levels.js";
import { MEASURE_COLUMNS } from "./schema.js";

/** Read with safeIntegers: a stored total is added to exactly, whatever its size. */
interface StoredMeasures {
  distributions: bigint;
  value: bigint;
  persons: bigint;
  attributed: bigint;
  scheme: bigint;
}

const NO_MEASURES: StoredMeasures = { distributions: 0n, value: 0n, persons: 0n, attributed: 0n, scheme: 0n };

function levelStatements(db: Database, level: Level) {
  const where = level.keyColumns.map((column) => `${column} = ?`).join(" AND ");
  const keys = level.keyColumns.join(", ");
  const marks = (n: number) => Array.from({ length: n }, () => "?").join(", ");
  const others = level.otherColumns.map((column) => `, ${column}`).join("");
  const zeros = level.otherColumns.map(() => ", 0").join("");
  return {
    personCount: db
      .prepare<unknown[], number>(`SELECT distributions FROM ${level.personsTable} WHERE ${where} AND person_id = ?`)
      .pluck(),
    savePersonCount: db.prepare(
      `INSERT OR REPLACE INTO ${level.personsTable} VALUES (${marks(level.keyColumns.length + 2)})`,
    ),
    dropPersonCount: db.prepare(`DELETE FROM ${level.personsTable} WHERE ${where} AND person_id = ?`),
    measures: db
      .prepare<unknown[], StoredMeasures>(
        `SELECT distributions, value_paise AS value, persons, attributed_paise AS attributed, scheme_paise AS scheme
       FROM ${level.table} WHERE ${where}`,
      )
      .safeIntegers(),
    saveMeasures: db.prepare(
      `INSERT INTO ${level.table} (${keys}, ${MEASURE_COLUMNS}${others})
       VALUES (${marks(level.keyColumns.length + 6)}${zeros})
       ON CONFLICT (${keys}) DO UPDATE SET ${MEASURE_COLUMNS.split(", ")
         .map((c) => `${c} = excluded.${c}`)
         .join(", ")}`,
    ),
    dropIfEmpty: db.prepare(`DELETE FROM ${level.table} WHERE ${where} AND ${level.emptyWhen}`),
  };
}

/**
 * Writes one level's batch of changes: person counts first, since a count crossing zero moves
 * the row's distinct persons, then every touched row once.
 */
export function levelWriter(db: Database, level: Level): (delta: LevelDelta) => void {
  const q = levelStatements(db, level);
  return (delta) => {
    for (const { key, personId, change } of delta.persons.values()) {
      if (change === 0) continue;
      const before = q.personCount.get(...key, personId) ?? 0;
      const after = before + change;
      assertInvariant(after >= 0, `${level.personsTable}: a person's count of distributions is never below zero`, {
        before,
        change,
      });
      if (after === 0) q.dropPersonCount.run(...key, personId);
      else q.savePersonCount.run(...key, personId, after);
      if ((before === 0) !== (after === 0)) measureEntry(delta, key).persons += after === 0 ? -1 : 1;
    }
    for (const { key, delta: d } of delta.measures.values()) {
      const m = q.measures.get(...key) ?? NO_MEASURES;
      const value = m.value + d.value;
      const attributed = m.attributed + d.attributed;
      const scheme = m.scheme + d.scheme;
      const distributions = m.distributions + BigInt(d.distributions);
      const persons = m.persons + BigInt(d.persons);
      const unfunded = value - attributed - scheme;
      assertInvariant(distributions >= 0n && persons >= 0n, `${level.table}: counts are never below zero`, {
        distributions,
        persons,
      });
      // Each distribution's allocations are at most its value, and a scheme's take none: unfunded ≥ 0.
      assertInvariant(
        attributed >= 0n && scheme >= 0n && unfunded >= 0n,
        `${level.table}: attributed, scheme and unfunded money are never below zero`,
        { value, attributed, scheme, unfunded },
      );
      q.saveMeasures.run(...key, distributions, value, persons, attributed, unfunded, scheme);
      q.dropIfEmpty.run(...key);
    }
  };
}
