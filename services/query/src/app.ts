import { createHttpServer, type HttpServer, type HttpServerOptions, type Keyring } from "@relief-ledger/http";
import type { ReadModel } from "./read-model.js";
import { readRoutes } from "./routes/reads.js";

export const VERSION = "0.1.0";

export interface QueryAppOptions {
  readModel: ReadModel;
  keyring: Keyring;
  logger?: HttpServerOptions["logger"];
  rateLimitPerMinute?: number;
}

/** The read API; everything it shows comes from the read models the projector writes. */
export async function buildQueryApp(options: QueryAppOptions): Promise<HttpServer> {
  const app = await createHttpServer({
    service: "query",
    version: VERSION,
    description: "Read API of the relief distribution ledger: totals, donor attribution, duplicate flags.",
    keyring: options.keyring,
    logger: options.logger,
    rateLimitPerMinute: options.rateLimitPerMinute,
    health: async () => {
      options.readModel.db();
      return { ok: true };
    },
  });
  readRoutes(app, options.readModel);
  return app;
}
