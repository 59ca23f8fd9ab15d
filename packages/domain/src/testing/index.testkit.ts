// Test kits for packages that test the write side (the ingest service): the decider's
// given / when / then and valid events. Exported only under the source condition.
export { deciderSpecification, type Decider } from "./decider-specification.testkit.js";
export { DECIDED_ON, given, recorded, recordedDistribution, uuidOf } from "./write-decider.testkit.js";
export { EXAMPLE_DATA, EXAMPLE_METADATA } from "./events.testkit.js";
