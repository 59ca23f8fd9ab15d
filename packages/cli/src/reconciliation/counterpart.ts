import { existsSync } from "node:fs";
import { join } from "node:path";
import { openReadModel } from "@relief-ledger/projections";
import { usageError, type Io } from "../io.js";
import { loadReport } from "./load-report.js";
import { headRow, readTables, type Row, type Tables } from "@relief-ledger/replay";
import { DATA_FILES } from "@relief-ledger/http";

/** What a report is compared with: the live read model, or another report. */
export interface Counterpart {
  /** How differences name this side: "live" or "other". */
  label: "live" | "other";
  description: string;
  position: string;
  tables: Tables;
  /** Another report's head; the live read model keeps no Merkle tree to compare. */
  head?: Row;
}

/** As the projector and `ledger projections rebuild` resolve it. */
export const readModelFile = (flag: string | undefined, env: Io["env"]): string =>
  flag ?? (env.LEDGER_READ_MODEL_FILE || join(env.LEDGER_DATA_DIR || ".data", DATA_FILES.readModels));

export function liveReadModel(file: string): Counterpart {
  if (!existsSync(file)) throw usageError(`no read model at ${file} (check --read-model or $LEDGER_READ_MODEL_FILE)`);
  let db;
  try {
    db = openReadModel(file);
    const { checkpoint, tables } = readTables(db);
    return { label: "live", description: "the live read model", position: checkpoint, tables };
  } catch (error) {
    // A driver's message may quote what it read; its code says enough (SQLITE_ERROR: not a read model).
    const code = (error as { code?: unknown }).code;
    throw usageError(`cannot read ${file} as a read model (${typeof code === "string" ? code : "unreadable"})`);
  } finally {
    db?.close();
  }
}

export function otherReport(file: string): Counterpart {
  const report = loadReport(file);
  return {
    label: "other",
    description: `the report ${file}`,
    position: report.replayed.lastPosition ?? "0",
    tables: report.tables,
    head: headRow(report),
  };
}
