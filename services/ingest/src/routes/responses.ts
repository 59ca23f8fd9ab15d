import { z } from "zod";

/** Where a write landed in the global log. Positions are decimal strings: they may exceed 2^53. */
export const RecordedSchema = z.object({
  firstPosition: z.string(),
  lastPosition: z.string(),
  count: z.int(),
  replayed: z.boolean().describe("true when this was a retry of a write already recorded; nothing new was stored"),
});
