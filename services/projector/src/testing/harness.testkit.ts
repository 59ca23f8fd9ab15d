import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { generateSigningKeyPem, readRecordedHeads, signingKeyFromPem } from "@relief-ledger/audit";
import { openSqliteEventStore, type EventStore } from "@relief-ledger/event-store";
import { tempDir } from "@relief-ledger/projections/testing";
import { ProjectorConfigSchema } from "../config.js";
import { startProjector, type RunningProjector } from "../service.js";

/** A data dir with an event store and a signing key file, and projectors started on it. */
export function projectorHarness(prefix: string) {
  const dir = tempDir(prefix);
  const store: EventStore = openSqliteEventStore({ file: dir.file("events.db") });
  const pem = generateSigningKeyPem();
  writeFileSync(dir.file("signing-key.pem"), pem, { mode: 0o600 });
  const started: RunningProjector[] = [];
  return {
    dir,
    store,
    key: signingKeyFromPem(pem),
    /** Starts the projector service on an ephemeral port with these extra settings. */
    async start(env: Record<string, string> = {}): Promise<RunningProjector> {
      const settings = { LEDGER_DATA_DIR: dir.path, LEDGER_PROJECTOR_PORT: "0", ...env };
      const projector = await startProjector(ProjectorConfigSchema.parse(settings));
      started.push(projector);
      return projector;
    },
    /** Appends `count` events of a type no projection reads: cheap to project, indexed all the same. */
    async appendOpaque(count: number, perAppend = 500): Promise<void> {
      for (let done = 0; done < count; done += perAppend) {
        const events = Array.from({ length: Math.min(perAppend, count - done) }, (_, i) => ({
          id: randomUUID(),
          type: "OpaqueTestEvent",
          data: { n: done + i },
        }));
        await store.append(`opaque-${randomUUID()}`, events);
      }
    },
    heads: async () => (await readRecordedHeads(store)).map(({ head }) => head!),
    async close() {
      await Promise.all(started.map((projector) => projector.close()));
      await store.close();
      dir.remove();
    },
  };
}

/** Waits until the projector's /health reports at least this checkpoint. */
/** Waits until the projector has projected (and indexed) `events` events: a count, not a position. */
export async function projectedTo(projector: RunningProjector, events: number): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const health = (await projector.app.inject("/health")).json<{ indexSize: number }>();
    if (health.indexSize >= events) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`the projector did not reach ${events} events`);
}
