import type { Database, Statement } from "better-sqlite3";
import { preparedPer } from "./prepared.js";

export interface FlagFilter {
  /** Flags involving this CBO: it made the excess distribution or one earlier in the window. */
  cboId?: string;
  service?: string;
  /** Flags involving a CBO registered in this state. */
  state?: string;
  status?: "open" | "resolved";
}

export interface Flag {
  flagId: string;
  personId: string;
  service: string;
  distributedOn: string;
  /** The CBO of the excess distribution. */
  cboId: string;
  cboIds: string[];
  /** The earlier distributions in the window, oldest first. */
  earlier: string[];
  windowDays: number;
  maxPerWindow: number;
  status: "open" | "resolved";
  resolution: { verdict: string; note: string; resolvedAt: string } | null;
}

type Row = Omit<Flag, "cboIds" | "earlier" | "status" | "resolution"> & {
  cboIds: string;
  earlier: string;
  verdict: string | null;
  note: string | null;
  resolvedAt: string | null;
};

const CONDITIONS: Record<keyof FlagFilter, string> = {
  cboId: "EXISTS (SELECT 1 FROM json_each(f.cbo_ids) j WHERE j.value = @cboId)",
  service: "f.service = @service",
  state: "EXISTS (SELECT 1 FROM json_each(f.cbo_ids) j JOIN cbos c ON c.cbo_id = j.value WHERE c.state = @state)",
  status: "(r.flag_id IS NOT NULL) = (@status = 'resolved')",
};

// One statement per combination of filters given: at most 2^4 of them per connection.
const statementsByWhere = preparedPer(() => new Map<string, Statement<[Record<string, unknown>], Row>>());

function statementFor(db: Database, where: string): Statement<[Record<string, unknown>], Row> {
  const statements = statementsByWhere(db);
  let statement = statements.get(where);
  if (statement === undefined) {
    statement = db.prepare<[Record<string, unknown>], Row>(
      `SELECT f.flag_id AS flagId, f.person_id AS personId, f.service, f.distributed_on AS distributedOn,
         f.cbo_id AS cboId, f.cbo_ids AS cboIds, f.earlier, f.window_days AS windowDays,
         f.max_per_window AS maxPerWindow, r.verdict, r.note, r.resolved_at AS resolvedAt
       FROM flags f LEFT JOIN flag_resolutions r USING (flag_id) ${where}
       ORDER BY f.distributed_on, f.flag_id`,
    );
    statements.set(where, statement);
  }
  return statement;
}

/** The current duplicate-benefit flags matching every filter given, by date then flagId. */
export function flags(db: Database, filter: FlagFilter = {}): Flag[] {
  const given = (Object.keys(CONDITIONS) as (keyof FlagFilter)[]).filter((name) => filter[name] !== undefined);
  const where = given.length === 0 ? "" : `WHERE ${given.map((name) => CONDITIONS[name]).join(" AND ")}`;
  const params = Object.fromEntries(given.map((name) => [name, filter[name]]));
  const rows = statementFor(db, where).all(params);
  return rows.map(({ cboIds, earlier, verdict, note, resolvedAt, ...flag }) => ({
    ...flag,
    cboIds: JSON.parse(cboIds) as string[],
    earlier: JSON.parse(earlier) as string[],
    status: verdict === null ? "open" : "resolved",
    resolution: verdict === null ? null : { verdict, note: note ?? "", resolvedAt: resolvedAt ?? "" },
  }));
}
