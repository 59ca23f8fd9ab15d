import { afterAll, beforeAll, describe } from "vitest";
import { eventStoreContract, type ContractTarget } from "../contract/event-store.contract.testkit.js";
import { resolveEsdbTarget } from "./esdb-server.testkit.js";
import { openEsdbEventStore } from "./esdb-event-store.js";

// Decided while collecting, so a machine without Docker reports one skip line and why.
const server = await resolveEsdbTarget();

describe.skipIf(server.kind === "unavailable")(
  "eventstoredb adapter: the event store contract, on a real server",
  () => {
    let target: ContractTarget;
    beforeAll(async () => {
      if (server.kind === "unavailable") return;
      const connectionString = await server.start();
      target = { location: connectionString, store: openEsdbEventStore({ connectionString }) };
    }, 180_000);
    afterAll(async () => {
      await target?.store.close();
      if (server.kind !== "unavailable") await server.stop();
    });

    eventStoreContract(() => target);
  },
);
