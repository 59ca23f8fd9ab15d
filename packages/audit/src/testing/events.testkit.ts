import { createHash } from "node:crypto";
import type { IndexableEvent } from "../merkle-index/types.js";

/** A deterministic UUID-shaped id for event number n. */
export const eventIdOf = (n: number): string => {
  const hex = createHash("sha256").update(`event-${n}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/** `count` log events at positions from + 1, from + 2, …, spread over three streams. */
export function logEvents(count: number, from = 0): IndexableEvent[] {
  return Array.from({ length: count }, (_, i) => {
    const n = from + i;
    return {
      stream: `stream-${n % 3}`,
      revision: Math.floor(n / 3),
      type: "TestEvent",
      id: eventIdOf(n),
      data: { n, note: `event ${n}` },
      metadata: { correlationId: `c-${n}` },
      recordedAt: "2026-01-02T03:04:05.678Z",
      position: BigInt(n + 1),
    };
  });
}
