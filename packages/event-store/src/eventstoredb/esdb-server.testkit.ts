import { GenericContainer, Wait, getContainerRuntimeClient, type StartedTestContainer } from "testcontainers";

export const ESDB_IMAGE = process.env.LEDGER_ESDB_IMAGE ?? "docker.eventstore.com/eventstore/eventstore:24.10";

export type EsdbServer =
  | {
      kind: "url" | "container";
      start(): Promise<string>;
      /** Restarts the server process keeping its data; undefined where we do not own the server. */
      restart?: () => Promise<string>;
      stop(): Promise<void>;
    }
  | { kind: "unavailable"; reason: string };

/**
 * The real server the EventStoreDB contract runs against: LEDGER_ESDB_URL if set, otherwise a
 * container started by testcontainers where a Docker engine answers. Never a fake.
 */
export async function resolveEsdbTarget(): Promise<EsdbServer> {
  const url = process.env.LEDGER_ESDB_URL;
  if (url) return { kind: "url", start: async () => url, stop: async () => undefined };
  try {
    await getContainerRuntimeClient();
  } catch (error) {
    const reason = `no Docker engine reachable (${(error as Error).message.split("\n")[0]}) and LEDGER_ESDB_URL unset`;
    console.warn(`[eventstoredb contract] SKIPPED: ${reason}`);
    return { kind: "unavailable", reason };
  }
  let container: StartedTestContainer | undefined;
  const connectionString = () => `esdb://${container!.getHost()}:${container!.getMappedPort(2113)}?tls=false`;
  return {
    kind: "container",
    async start() {
      container = await new GenericContainer(ESDB_IMAGE)
        .withEnvironment({
          EVENTSTORE_INSECURE: "true",
          // On disk inside the container, so a restart keeps the log (the any-retry case needs it).
          EVENTSTORE_MEM_DB: "false",
          // System projections on, as in production: they write $ records after nearly every
          // event, which is what the readAll and head cases must see through.
          EVENTSTORE_RUN_PROJECTIONS: "System",
          EVENTSTORE_START_STANDARD_PROJECTIONS: "true",
          EVENTSTORE_ENABLE_ATOM_PUB_OVER_HTTP: "false",
        })
        .withExposedPorts(2113)
        .withWaitStrategy(Wait.forHttp("/health/live", 2113).forStatusCode(204))
        .start();
      return connectionString();
    },
    async restart() {
      await container!.restart();
      return connectionString();
    },
    async stop() {
      await container?.stop();
    },
  };
}
