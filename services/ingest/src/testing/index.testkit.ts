// The ingest service's test harness, for its own tests and for packages that test against a real
// ingest service (the CLI). Exported only under the source condition.
export * from "./harness.testkit.js";
export * from "./seeded.testkit.js";
