import type { Database } from "better-sqlite3";
import { preparedPer } from "./prepared.js";

// Each prepared on first use: a caller that only watches the checkpoint needs no other table.
const checkpoint = preparedPer((db) => db.prepare<[], string>("SELECT position FROM checkpoint WHERE id = 1").pluck());
const cbos = preparedPer((db) =>
  db.prepare<[], string>("SELECT cbo_id FROM cbos UNION SELECT cbo_id FROM cbo_overall ORDER BY 1").pluck(),
);
const donors = preparedPer((db) =>
  db.prepare<[], string>("SELECT donor_id FROM donors UNION SELECT donor_id FROM funds ORDER BY 1").pluck(),
);

/**
 * The position of the last event the read model applied, as decimal text; undefined before any.
 * Every change commits with it, so answers read at one checkpoint stay valid until it moves.
 */
export const readModelCheckpoint = (db: Database): string | undefined => checkpoint(db).get();

/** Every CBO the model knows: registered, or with distributions or funds before its registration. */
export const cboIds = (db: Database): string[] => cbos(db).all();

/** Every donor the model knows: registered, or named by a fund before its registration. */
export const donorIds = (db: Database): string[] => donors(db).all();
