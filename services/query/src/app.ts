import { createHttpServer, type HttpServer, type HttpServerOptions, type Keyring } from "@relief-ledger/http";
import type { Cosignatures } from "./audit/cosignatures.js";
import type { LogStore } from "./audit/log-store.js";
import type { QueryDeps } from "./deps.js";
import type { ReadModel } from "./read-model.js";
import { reportingOrgFrom, type IatiOrganisation } from "@relief-ledger/iati";
import { auditRoutes } from "./routes/audit.js";
import { moneyRoutes } from "./routes/money.js";
import { replayRoutes } from "./routes/replays.js";
import type { Replays } from "./replays/replays.js";
import { directoryRoutes } from "./routes/directory.js";
import { iatiRoutes } from "./routes/iati.js";
import { readRoutes } from "./routes/reads.js";
import { statementRoutes } from "./routes/statement.js";
import { distributionRoutes } from "./routes/distributions.js";
import { flagNoteRoutes } from "./routes/flag-notes.js";

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
  /** Replays auditors start (POST /v1/audit/replays); without them those routes answer 503. */
  replays?: Replays;
  /** The coalition as IATI files name it; by default from LEDGER_IATI_ORG_* (docs/api.md). */
  iatiReportingOrg?: IatiOrganisation;
}

/**
 * The read API, each group of routes a plugin; everything it shows comes from the read models the
 * projector writes.
 */
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
  const deps: QueryDeps = {
    readModel: options.readModel,
    publicCoalition: options.publicCoalition ?? false,
    logStore: options.logStore,
    cosignatures: options.cosignatures,
    keyring: options.keyring,
    reportingOrg: options.iatiReportingOrg ?? reportingOrgFrom(process.env),
    replays: options.replays,
  };
  // One plugin a line, each with the same options: a new group of routes is one more line.
  await app.register(readRoutes, deps);
  await app.register(distributionRoutes, deps);
  await app.register(flagNoteRoutes, deps);
  await app.register(directoryRoutes, deps);
  await app.register(auditRoutes, deps);
  await app.register(replayRoutes, deps);
  await app.register(moneyRoutes, deps);
  await app.register(iatiRoutes, deps);
  await app.register(statementRoutes, deps);
  return app;
}
