import { badRequest } from "@relief-ledger/http";
import { DEFAULT_PAGE_LIMIT, InvalidCursorError, MAX_PAGE_LIMIT } from "@relief-ledger/projections";
import { z } from "zod";

/** `cursor` and `limit` of every list route: a page of at most MAX_PAGE_LIMIT rows, keyset-paged. */
export const PageQuerySchema = z.object({
  cursor: z.string().max(512).optional().describe("the nextCursor of the previous page; absent for the first page"),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_LIMIT)
    .default(DEFAULT_PAGE_LIMIT)
    .describe(`rows per page, 1 to ${MAX_PAGE_LIMIT} (default ${DEFAULT_PAGE_LIMIT})`),
});

/** Runs a paged read, answering a cursor this list never gave with a 400 that names it. */
export function readPage<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof InvalidCursorError)
      throw badRequest("the request is invalid", [{ path: "querystring.cursor", message: error.message }]);
    throw error;
  }
}
