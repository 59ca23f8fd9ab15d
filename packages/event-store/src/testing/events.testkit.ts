import { randomUUID } from "node:crypto";
import type { EventToAppend } from "../types.js";

/** A fresh stream name, so tests sharing one store never see each other's streams. */
export const uniqueStream = (prefix: string): string => `${prefix}-${randomUUID()}`;

/** Events of about `bytes` bytes of JSON each, numbered from `from`. */
export function makeEvents(count: number, { from = 0, bytes = 100, type = "TestEvent" } = {}): EventToAppend[] {
  const padding = "x".repeat(Math.max(0, bytes - 60));
  return Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    type,
    data: { n: from + i, padding },
    metadata: { correlationId: "contract" },
  }));
}
