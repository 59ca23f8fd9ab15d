export * from "./signed-ledger.testkit.js";
