import { PassThrough } from "node:stream";
import type { ResolvedEvent } from "@eventstore/db-client";
import { decodePosition } from "./position.js";

/**
 * Stand-ins for the client's answers, for unit tests of the adapter's own logic (page filling,
 * error mapping, batching). They never stand in for a server: the contract suite does that.
 */
export function resolved(
  position: bigint,
  {
    stream = "ledger-1",
    type = "TestEvent",
    id,
    revision = 0n,
  }: Partial<{ stream: string; type: string; id: string; revision: bigint }> = {},
): ResolvedEvent {
  return {
    event: {
      streamId: stream,
      id: id ?? `00000000-0000-4000-8000-${position.toString(16).padStart(12, "0").slice(-12)}`,
      revision,
      type,
      data: {},
      metadata: {},
      isJson: true,
      created: new Date(0),
      position: decodePosition(position),
    },
  } as unknown as ResolvedEvent;
}

/** A live subscription's client side: an object-mode stream that can say CaughtUp. */
export class StubSubscription extends PassThrough {
  unsubscribed = 0;
  constructor() {
    super({ objectMode: true });
  }
  async unsubscribe(): Promise<void> {
    this.unsubscribed++;
  }
}

/** An async iterable of answers that fails with `error` after yielding `records`. */
export async function* answers(records: ResolvedEvent[], error?: Error): AsyncGenerator<ResolvedEvent> {
  for (const record of records) yield record;
  if (error) throw error;
}
