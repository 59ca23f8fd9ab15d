import type { Database, Statement } from "better-sqlite3";

/**
 * Prepares a query's statements once per connection and reuses them. Preparing costs about as
 * much as running these small statements, and the query service runs them on every request.
 * Keyed weakly, so the statements of a connection replaced by a rebuilt read model go with it.
 */
export function preparedPer<Statements>(prepare: (db: Database) => Statements): (db: Database) => Statements {
  const byConnection = new WeakMap<Database, Statements>();
  return (db) => {
    let statements = byConnection.get(db);
    if (statements === undefined) {
      statements = prepare(db);
      byConnection.set(db, statements);
    }
    return statements;
  };
}

/**
 * For a query whose SQL depends on the filters given: each SQL text is prepared once per
 * connection, so a list with n optional filters holds at most 2^n statements.
 */
export function preparedBySql<Params extends unknown[], Row>(): (db: Database, sql: string) => Statement<Params, Row> {
  const statements = preparedPer(() => new Map<string, Statement<Params, Row>>());
  return (db, sql) => {
    const byText = statements(db);
    let statement = byText.get(sql);
    if (statement === undefined) {
      statement = db.prepare<Params, Row>(sql);
      byText.set(sql, statement);
    }
    return statement;
  };
}
