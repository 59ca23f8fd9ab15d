// The query service's test harness, for its own route tests and for packages that test against a
// real query service. Exported only under the source condition.
export * from "./harness.testkit.js";
