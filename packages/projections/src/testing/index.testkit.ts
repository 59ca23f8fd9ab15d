// Builders for tests of packages that read these projections (the query service, the projector
// service): valid ledger events and a way to append them. Exported only under the source condition.
export * from "./events.testkit.js";
export { appendAndProject, appendEvents, openLedger, toAppend, type Ledger } from "./ledger.testkit.js";
export { tempDir } from "@relief-ledger/event-store/testing";
export { plantInReadModel } from "./plant.testkit.js";
