import { mkdirSync } from "node:fs";
import { openEventStore } from "@relief-ledger/event-store";
import { fileKeyring, listenService, type RunningService } from "@relief-ledger/http";
import { buildIngestApp } from "./app.js";
import type { IngestConfig } from "./config.js";
import { todayInIndia } from "./deps.js";
import { loadPseudonymizer } from "./pseudonym-key.js";
import { readModelFlags } from "./flag-lookup.js";
import { openWriteIndex } from "./write-index/write-index.js";

export type RunningIngest = RunningService;

/** Opens everything the ingest service needs, listens, and returns a function that closes it all. */
export async function startIngest(config: IngestConfig): Promise<RunningIngest> {
  mkdirSync(config.dataDir, { recursive: true });
  const pseudonymizer = loadPseudonymizer(config.pseudonymKey);
  const store = openEventStore(config.store);
  const index = openWriteIndex(config.writeIndexFile, store, config.writeIndexFlush);
  await index.catchUp();
  const app = await buildIngestApp({
    store,
    index,
    pseudonymizer,
    today: () => todayInIndia(),
    flags: readModelFlags(config.readModelFile),
    keyring: fileKeyring(config.apiKeysFile, { service: "ingest" }),
    rateLimitPerMinute: config.rateLimitPerMinute,
  });
  return listenService(app, config, [() => index.close(), () => store.close()]);
}
