import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { preparedPer } from "./prepared.js";

const open: Database.Database[] = [];
const connection = () => {
  const db = new Database(":memory:");
  open.push(db);
  return db;
};
afterEach(() => open.splice(0).forEach((db) => db.close()));

describe("preparedPer", () => {
  it("prepares once per connection and hands the same statements back", () => {
    let prepared = 0;
    const statements = preparedPer((db) => {
      prepared++;
      return { one: db.prepare<[], number>("SELECT 1").pluck() };
    });
    const first = connection();
    const second = connection();
    expect(statements(first)).toBe(statements(first));
    expect(statements(first).one.get()).toBe(1);
    expect(statements(second)).not.toBe(statements(first));
    expect(statements(second).one.database).toBe(second);
    expect(prepared).toBe(2);
  });

  it("prepares again after a failure, once the table exists", () => {
    const db = connection();
    const statements = preparedPer((db) => db.prepare("SELECT * FROM later"));
    expect(() => statements(db)).toThrow(/no such table/);
    db.exec("CREATE TABLE later (x)");
    expect(statements(db).all()).toEqual([]);
  });
});
