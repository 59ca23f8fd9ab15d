import type { FlagLookup, Principal, Pseudonymizer } from "@relief-ledger/domain";
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
  /** The flags the read side shows, for a CBO's note on one (decision 0035). */
  flags: FlagLookup;
}

export { todayInIndia } from "@relief-ledger/domain";

export function commandContext(request: FastifyRequest): {
  principal: Principal;
  metadata: ReturnType<typeof metadataFor>;
} {
  const principal = principalOf(request);
  return { principal, metadata: metadataFor(principal, request.id) };
}
