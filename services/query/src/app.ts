import { createHttpServer, type HttpServer, type HttpServerOptions, type Keyring } from "@relief-ledger/http";
import type { Cosignatures } from "./audit/cosignatures.js";
import type { LogStore } from "./audit/log-store.js";
import type { ReadModel } from "./read-model.js";
import { auditRoutes } from "./routes/audit.js";
import { readRoutes } from "./routes/reads.js";

export const VERSION = "0.1.0";

export interface QueryAppOptions {
  readModel: ReadModel;
  /** The event store, for the events inside proof bundles; without it proofs answer 503. */
  logStore?: LogStore;
  /** Where witnesses' cosignatures are kept; without it, posting one answers 503. */
  cosignatures?: Cosignatures;
  keyring: Keyring;
  logger?: HttpServerOptions["logger"];
  rateLimitPerMinute?: number;
}

/** The read API; everything it shows comes from the read models the projector writes. */
export async function buildQueryApp(options: QueryAppOptions): Promise<HttpServer> {
  const app = await createHttpServer({
    service: "query",
    version: VERSION,
    description:
      "Read API of the relief distribution ledger: totals, donor attribution, duplicate flags, signed heads and proofs.",
    keyring: options.keyring,
    logger: options.logger,
    rateLimitPerMinute: options.rateLimitPerMinute,
    health: async () => {
      options.readModel.db();
      return { ok: true };
    },
  });
  readRoutes(app, options.readModel);
  auditRoutes(
    app,
    options.readModel,
    options.logStore,
    options.cosignatures && { cosignatures: options.cosignatures, keyring: options.keyring },
  );
  return app;
}
