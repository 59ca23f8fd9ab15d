import type { Database } from "better-sqlite3";

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
