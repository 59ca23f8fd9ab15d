import { createHash } from "node:crypto";
import { submissionsOf } from "./submissions.js";
import type { Coalition } from "./types.js";

/** SHA-256 over the description and every submission it yields: equal digests, equal coalitions. */
export function digestCoalition(coalition: Coalition): string {
  const hash = createHash("sha256").update(JSON.stringify(coalition));
  for (const batch of submissionsOf(coalition)) hash.update(JSON.stringify(batch));
  return hash.digest("hex");
}
