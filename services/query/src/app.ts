import { createHttpServer, type HttpServer, type HttpServerOptions, type Keyring } from "@relief-ledger/http";
import type { Cosignatures } from "./audit/cosignatures.js";
import type { LogStore } from "./audit/log-store.js";
import type { ReadModel } from "./read-model.js";
import { reportingOrgFrom, type IatiOrganisation } from "@relief-ledger/iati";
import { auditRoutes } from "./routes/audit.js";
import { directoryRoutes } from "./routes/directory.js";
import { iatiRoutes } from "./routes/iati.js";
import { readRoutes } from "./routes/reads.js";
import { statementRoutes } from "./routes/statement.js";
import { distributionRoutes } from "./routes/distributions.js";

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
  /** Anyone may read the coalition's totals (as a donor sees them), its CBOs and value by state. */
  publicCoalition?: boolean;
  /** The coalition as IATI files name it; by default from LEDGER_IATI_ORG_* (docs/api.md). */
  iatiReportingOrg?: IatiOrganisation;
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
  const publicCoalition = { publicCoalition: options.publicCoalition ?? false };
  readRoutes(app, options.readModel, publicCoalition);
  distributionRoutes(app, options.readModel);
  directoryRoutes(app, options.readModel, publicCoalition);
  auditRoutes(
    app,
    options.readModel,
    options.logStore,
    options.cosignatures && { cosignatures: options.cosignatures, keyring: options.keyring },
  );
  iatiRoutes(app, options.readModel, options.iatiReportingOrg ?? reportingOrgFrom(process.env));
  statementRoutes(app, options.readModel, options.cosignatures);
  return app;
}
