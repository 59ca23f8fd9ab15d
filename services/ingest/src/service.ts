import { mkdirSync } from "node:fs";
import { openEventStore } from "@relief-ledger/event-store";
import { fileKeyring, type HttpServer } from "@relief-ledger/http";
import { buildIngestApp } from "./app.js";
import type { IngestConfig } from "./config.js";
import { todayInIndia } from "./deps.js";
import { loadPseudonymizer } from "./pseudonym-key.js";
import { openWriteIndex } from "./write-index/write-index.js";

/** Opens everything the ingest service needs, listens, and returns a function that closes it all. */
export interface RunningIngest {
  app: HttpServer;
  address: string;
  close(): Promise<void>;
}

export async function startIngest(config: IngestConfig): Promise<RunningIngest> {
  mkdirSync(config.dataDir, { recursive: true });
  const pseudonymizer = loadPseudonymizer(config.pseudonymKey);
  const store = openEventStore(config.store);
  const index = openWriteIndex(config.writeIndexFile, store);
  await index.catchUp();
  const app = await buildIngestApp({
    store,
    index,
    pseudonymizer,
    today: () => todayInIndia(),
    keyring: fileKeyring(config.apiKeysFile),
    rateLimitPerMinute: config.rateLimitPerMinute,
  });
  const address = await app.listen({ host: config.host, port: config.port });
  return {
    app,
    address,
    async close() {
      await app.close();
      index.close();
      await store.close();
    },
  };
}
