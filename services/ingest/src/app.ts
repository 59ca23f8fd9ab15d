import { NO_FLAGS } from "@relief-ledger/domain";
import { createHttpServer, type HttpServer, type HttpServerOptions, type Keyring } from "@relief-ledger/http";
import type { IngestDeps } from "./deps.js";
import { correctionRoutes } from "./routes/corrections.js";
import { fundRoutes } from "./routes/funds.js";
import { registrationRoutes } from "./routes/registrations.js";
import { submissionRoutes } from "./routes/submissions.js";

export const VERSION = "0.1.0";

export interface IngestAppOptions extends Omit<IngestDeps, "flags"> {
  /** The read side's flags, for CBOs' notes; without them no flag takes a note. */
  flags?: IngestDeps["flags"];
  keyring: Keyring;
  logger?: HttpServerOptions["logger"];
  rateLimitPerMinute?: number;
}

/** The write API: each group of routes a plugin; a handler is parse → handleCommand → reply. */
export async function buildIngestApp(options: IngestAppOptions): Promise<HttpServer> {
  const app = await createHttpServer({
    service: "ingest",
    version: VERSION,
    description: "Write API of the relief distribution ledger: registrations, funds, submissions, voids.",
    keyring: options.keyring,
    logger: options.logger,
    rateLimitPerMinute: options.rateLimitPerMinute,
    bodyLimit: 8 * 1024 * 1024,
    health: async () => ({ ok: true, headPosition: (await options.store.headPosition()).toString() }),
  });
  const deps: IngestDeps = {
    store: options.store,
    index: options.index,
    pseudonymizer: options.pseudonymizer,
    today: options.today,
    flags: options.flags ?? NO_FLAGS,
  };
  for (const routes of [registrationRoutes, fundRoutes, submissionRoutes, correctionRoutes])
    await app.register(routes, deps);
  return app;
}
