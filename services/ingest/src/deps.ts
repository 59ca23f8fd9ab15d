import type { Principal, Pseudonymizer } from "@relief-ledger/domain";
import type { EventStore } from "@relief-ledger/event-store";
import type { FastifyRequest } from "@relief-ledger/http";
import { principalOf } from "@relief-ledger/http";
import { metadataFor } from "./recorder.js";
import type { WriteIndex } from "./write-index/write-index.js";

export interface IngestDeps {
  store: EventStore;
  index: WriteIndex;
  pseudonymizer: Pseudonymizer;
  /** Today's date where the CBOs are, YYYY-MM-DD: a distribution dated later is refused. */
  today: () => string;
}

/** India is UTC+5:30 all year; a CBO entering today's date just after midnight must not be refused. */
export const todayInIndia = (now = Date.now()): string => new Date(now + 330 * 60_000).toISOString().slice(0, 10);

export function commandContext(request: FastifyRequest): {
  principal: Principal;
  metadata: ReturnType<typeof metadataFor>;
} {
  const principal = principalOf(request);
  return { principal, metadata: metadataFor(principal, request.id) };
}
