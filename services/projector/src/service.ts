import { openEventStore } from "@relief-ledger/event-store";
import {
  createHttpServer,
  listenService,
  staticKeyring,
  type HttpServerOptions,
  type RunningService,
} from "@relief-ledger/http";
import { Registry } from "prom-client";
import { follow, openAuditedProjector } from "./audited-projector.js";
import type { ProjectorConfig } from "./config.js";
import { lagOf, projectorMetrics } from "./metrics.js";
import { signingHealth, signingKeyOf, startHeadSigner, type RunningSigner } from "./signing.js";

export const VERSION = "0.1.0";

export interface RunningProjector extends RunningService {
  /** Resolves once the read models have caught up with the log. */
  live: Promise<void>;
  /** Resolves once no tree head is being signed. */
  signingSettled(): Promise<void>;
}

/**
 * Projects the global log into the read models and the Merkle index, live; once caught up, signs
 * a tree head every N events or T seconds; serves /health and /metrics about it all.
 */
export async function startProjector(
  config: ProjectorConfig,
  options: { logger?: HttpServerOptions["logger"] } = {},
): Promise<RunningProjector> {
  const store = openEventStore(config.store);
  const key = signingKeyOf(config.signing);
  const registry = new Registry();
  let failure: unknown;
  let signer: RunningSigner | undefined;
  const metrics = projectorMetrics(registry, {
    head: () => store.headPosition(),
    checkpoint: () => projector.checkpoint(),
    unsignedEvents: () => signer?.unsignedEvents(),
  });
  const audited = openAuditedProjector({
    store,
    file: config.readModelFile,
    batchSize: config.batchSize,
    onBatch: () => {
      metrics.batches.inc();
      signer?.afterBatch();
    },
  });
  const { projector, audit } = audited;
  if (key) audit.keys.recordInUse(key);

  const app = await createHttpServer({
    service: "projector",
    version: VERSION,
    description: "Projects the ledger's global log into the read models, keeps its Merkle index and signs heads.",
    keyring: staticKeyring([]),
    registry,
    logger: options.logger,
    health: async () => {
      const head = await store.headPosition();
      const checkpoint = projector.checkpoint();
      return {
        ok: failure === undefined,
        checkpoint: checkpoint.toString(),
        head: head.toString(),
        lagEvents: lagOf(head, checkpoint).toString(),
        indexSize: audit.index.size(),
        ...signingHealth(audit, key, signer),
        ...(failure === undefined ? {} : { error: "projection failed; see the log" }),
      };
    },
  });
  if (!key) app.log.warn("no LEDGER_SIGNING_KEY: the projector keeps the Merkle index but signs no heads");

  // Signing starts once caught up: heads over a half-projected history would only be noise.
  const startSigning = () => {
    if (!key) return;
    const onError = (err: unknown) => {
      metrics.signingFailures.inc();
      app.log.warn({ err }, "signing a tree head failed; the next trigger tries again");
    };
    const onSigned = () => metrics.headsSigned.inc();
    const { everyEvents, everySeconds, origin } = config.signing;
    signer = startHeadSigner({ store, audit, key, everyEvents, origin, onSigned, onError }, everySeconds);
  };
  const following = follow(store, audited, startSigning);
  following.done.catch((error: unknown) => {
    failure = error;
    app.log.error({ err: error }, "projection failed");
  });
  const running = await listenService(app, config, [
    () => following.stop(),
    () => signer?.stop(),
    () => projector.close(),
    () => store.close(),
  ]);
  return { ...running, live: following.live.then(() => undefined), signingSettled: async () => signer?.idle() };
}
