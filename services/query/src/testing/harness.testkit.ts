import type { LedgerEvent } from "@relief-ledger/domain";
import { createApiKey, staticKeyring, type HttpServer } from "@relief-ledger/http";
import { appendAndProject, fund, tempDir } from "@relief-ledger/projections/testing";
import { buildQueryApp, type QueryAppOptions } from "../app.js";
import { followReadModel } from "../read-model.js";

type ApiKey = ReturnType<typeof createApiKey>;

/** One key per role the query routes tell apart, with the scopes the examples' ledgers use. */
const standardKeys = () => ({
  cbo: createApiKey({ role: "cbo", cboId: "sangama-blr" }),
  otherCbo: createApiKey({ role: "cbo", cboId: "vamp-sangli" }),
  donor: createApiKey({ role: "donor", donorId: "azim-trust" }),
  otherDonor: createApiKey({ role: "donor", donorId: "other-trust" }),
  auditor: createApiKey({ role: "auditor" }),
  admin: createApiKey({ role: "admin" }),
});

/** The examples' first fund: the trust's ₹10,000 for Sangama's grocery kits, received 20 April 2021. */
export const SANGAMA_KIT_FUND = fund({
  fund: 1,
  cboId: "sangama-blr",
  amountPaise: 1_000_000,
  receivedOn: "2021-04-20",
  restrictedTo: ["grocery_kit"],
});

export interface QueryHarnessOptions<More extends Record<string, ApiKey>> {
  /** Projected into the read model once the app is up (more later with `project`). */
  events?: LedgerEvent[];
  /** The app's options beyond its read model and keys (logger off unless given). */
  app?: Partial<Omit<QueryAppOptions, "readModel" | "keyring">>;
  /** A read model written elsewhere (e.g. a signed ledger's) instead of the harness's own. */
  readModelFile?: string;
  /** Keys beside the standard ones, e.g. a witness's. */
  moreKeys?: More;
}

/**
 * A real query service on `inject`, reading a read model the real projector writes from real
 * events on SQLite files in a fresh folder, with one key per role: the one harness for the query
 * service's route tests.
 */
export async function startQueryHarness<More extends Record<string, ApiKey> = Record<never, ApiKey>>(
  options: QueryHarnessOptions<More> = {},
) {
  const dir = tempDir("ledger-query");
  const readModelFile = options.readModelFile ?? dir.file("read-models.db");
  const readModel = followReadModel(readModelFile, 0);
  const keys = { ...standardKeys(), ...options.moreKeys } as ReturnType<typeof standardKeys> & More;
  const keyring = staticKeyring(Object.values(keys).map((key: ApiKey) => key.record));
  const apps: HttpServer[] = [];
  /** Another app on the same read model and keys, e.g. with other operator options. */
  const buildApp = async (more: Partial<QueryAppOptions> = {}) => {
    const built = await buildQueryApp({ readModel, keyring, logger: false, ...options.app, ...more });
    await built.ready();
    apps.push(built);
    return built;
  };
  const app = await buildApp();
  /** Appends events and lets the projector commit them, as the projector service would. */
  const project = (events: LedgerEvent[]) =>
    appendAndProject({ store: dir.file("events.db"), readModel: readModelFile }, events);
  if (options.events) await project(options.events);

  type Who = keyof typeof keys;
  /** GET as a key's holder (none: no key at all), from the harness's app or another one built. */
  const get = (who: Who | undefined, url: string, from: HttpServer = app) =>
    from.inject({ url, headers: who ? { authorization: `Bearer ${keys[who].token}` } : {} });
  /** GET, and the status with the body parsed when the answer is JSON (its text otherwise). */
  const read = async (who: Who | undefined, url: string) => {
    const response = await get(who, url);
    const json = response.headers["content-type"]?.toString().startsWith("application/json");
    return { status: response.statusCode, body: json ? response.json() : response.body };
  };
  return {
    app,
    dir,
    keys,
    readModel,
    readModelFile,
    buildApp,
    project,
    get,
    read,
    async close() {
      for (const built of apps) await built.close();
      readModel.close();
      dir.remove();
    },
  };
}

export type QueryHarness<More extends Record<string, ApiKey> = Record<never, ApiKey>> = Awaited<
  ReturnType<typeof startQueryHarness<More>>
>;
