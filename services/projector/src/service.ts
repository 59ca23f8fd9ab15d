import { openAuditLog } from "@relief-ledger/audit";
import { openEventStore } from "@relief-ledger/event-store";
import {
  createHttpServer,
  listenService,
  staticKeyring,
  type HttpServerOptions,
  type RunningService,
} from "@relief-ledger/http";
import { openReadModel, readModelCheckpoint } from "@relief-ledger/projections";
import { Registry } from "prom-client";
import type { ProjectorConfig } from "./config.js";
import { LAG_COUNT_LIMIT, projectorMetrics } from "./metrics.js";
import { startProjectionThread } from "./projection-thread.js";
import { signingHealth, signingKeyOf, startHeadSigner, type RunningSigner } from "./signing.js";

export const VERSION = "0.1.0";

export interface RunningProjector extends RunningService {
  /** Resolves once the read models have caught up with the log. */
  live: Promise<void>;
  /** Resolves once every batch committed so far has been offered to the signer and no head is being signed. */
  signingSettled(): Promise<void>;
}

/**
 * Projects the global log into the read models and the Merkle index, live; once caught up, signs
 * a tree head every N events or T seconds; serves /health and /metrics about it all.
 *
 * Projecting runs in a thread of its own (projection-thread.ts), so a long batch never keeps
 * /health, /metrics or signing waiting; this thread reads the index and the heads through a
 * read-only connection to the same file.
 */
export async function startProjector(
  config: ProjectorConfig,
  options: { logger?: HttpServerOptions["logger"] } = {},
): Promise<RunningProjector> {
  const store = openEventStore(config.store);
  // Loaded here first: a demo key is created on first use, and the projection thread reads it after.
  const key = signingKeyOf(config.signing);
  const registry = new Registry();
  let failure: unknown;
  let signer: RunningSigner | undefined;
  let closing = false;
  let onBatch = () => {};
  const projection = startProjectionThread(config, { onBatch: () => onBatch() });
  try {
    await projection.opened;
  } catch (error) {
    await projection.stop();
    await store.close();
    throw error;
  }
  const readModel = openReadModel(config.readModelFile);
  const audit = openAuditLog(readModel, { readonly: true });
  // Read from the file, as committed: positions are opaque numbers of any size (decisions/0018).
  const checkpoint = () => BigInt(readModelCheckpoint(readModel) ?? "0");

  // The projection thread's count after its last batch; counted here only before its first.
  // Caught up is exact (the checkpoint at the head: 0). Behind, the projection thread's count after
  // its last batch, so a probe counts nothing while it catches up; only when the thread has no count
  // above 0 (before its first, or live with events arrived since its last batch, a short lag) is it
  // counted here.
  const lagAt = async (projected: bigint, head: bigint) => {
    if (projected >= head) return 0;
    const shared = projection.lagEvents();
    return shared !== undefined && shared > 0 ? shared : store.countEventsAfter(projected, LAG_COUNT_LIMIT);
  };
  const lagEvents = async () => lagAt(checkpoint(), await store.headPosition());
  const metrics = projectorMetrics(registry, {
    lagEvents,
    projectedEvents: () => audit.index.size(),
    unsignedEvents: () => signer?.unsignedEvents(),
  });
  onBatch = () => {
    metrics.batches.inc();
    signer?.afterBatch();
  };

  const app = await createHttpServer({
    service: "projector",
    version: VERSION,
    description: "Projects the ledger's global log into the read models, keeps its Merkle index and signs heads.",
    keyring: staticKeyring([]),
    registry,
    logger: options.logger,
    health: async () => {
      const head = await store.headPosition();
      const projected = checkpoint();
      const lag = await lagAt(projected, head);
      return {
        ok: failure === undefined,
        checkpoint: projected.toString(),
        head: head.toString(),
        lagEvents: lag === LAG_COUNT_LIMIT ? `${LAG_COUNT_LIMIT}+` : String(lag),
        // True when this answer was given while the projection thread was inside a batch.
        batchInProgress: projection.batchInProgress(),
        indexSize: audit.index.size(),
        ...signingHealth(audit, key, signer),
        ...(failure === undefined ? {} : { error: "projection failed; see the log" }),
      };
    },
  });
  if (!key) app.log.warn("no LEDGER_SIGNING_KEY: the projector keeps the Merkle index but signs no heads");

  // Signing starts once caught up: heads over a half-projected history would only be noise.
  const startSigning = () => {
    if (!key || closing) return;
    const onError = (err: unknown) => {
      metrics.signingFailures.inc();
      app.log.warn({ err }, "signing a tree head failed; the next trigger tries again");
    };
    const onSigned = () => metrics.headsSigned.inc();
    const { everyEvents, everySeconds, origin } = config.signing;
    signer = startHeadSigner({ store, audit, key, everyEvents, origin, onSigned, onError }, everySeconds);
  };
  void projection.live.then(startSigning, () => undefined);
  projection.done.catch((error: unknown) => {
    failure = error;
    app.log.error({ err: error }, "projection failed");
  });
  const running = await listenService(app, config, [
    () => (closing = true),
    () => projection.stop(),
    () => signer?.stop(),
    () => readModel.close(),
    () => store.close(),
  ]);
  return {
    ...running,
    live: projection.live,
    signingSettled: async () => {
      await projection.batchesHandled();
      await signer?.idle();
    },
  };
}
