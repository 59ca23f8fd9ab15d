import { isUtf8 } from "node:buffer";
import { HttpError, badRequest, payloadTooLarge, unsupportedMediaType } from "@relief-ledger/http";
import getRawBody from "raw-body";

/**
 * The largest CSV file the route reads. A full submission (1,000 rows) with every column filled
 * is about 250 KB; 2 MiB leaves room for long district names without letting one request hold
 * more than this in memory.
 */
export const CSV_BODY_LIMIT_BYTES = 2 * 1024 * 1024;

const LINE_FEED = 0x0a;

/** The 1-based line holding the first bytes that are not UTF-8 (a line feed is never inside a character). */
function firstLineNotUtf8(bytes: Buffer): number {
  let line = 1;
  for (let start = 0; start <= bytes.length; line++) {
    const end = bytes.indexOf(LINE_FEED, start);
    const stop = end === -1 ? bytes.length : end;
    if (!isUtf8(bytes.subarray(start, stop))) return line;
    start = stop + 1;
  }
  throw new Error("firstLineNotUtf8 called on valid UTF-8");
}

/** A charset parameter other than UTF-8 (or its ASCII subset) is a file we would misread. */
export function assertUtf8Charset(contentType: string | undefined): void {
  const charset = /;\s*charset="?([^";\s]+)/i.exec(contentType ?? "")?.[1]?.toLowerCase();
  if (charset !== undefined && !["utf-8", "utf8", "us-ascii"].includes(charset)) {
    throw unsupportedMediaType("send the CSV file as UTF-8 (Content-Type: text/csv; charset=utf-8)");
  }
}

/**
 * Reads a CSV body as UTF-8 text, stopping at CSV_BODY_LIMIT_BYTES (413) without reading further:
 * a length declared above the limit is refused before the first byte, and a chunked body is
 * paused where it crosses it. Bytes that are not UTF-8 are refused with the row that holds them,
 * never decoded to U+FFFD and stored.
 */
export async function readCsvBody(
  payload: NodeJS.ReadableStream,
  declaredLength: string | undefined,
  limitBytes = CSV_BODY_LIMIT_BYTES,
): Promise<string> {
  const bytes = await getRawBody(payload, { length: declaredLength ?? null, limit: limitBytes }).catch(
    (error: { type?: string }) => {
      if (error.type === "entity.too.large") throw payloadTooLarge(limitBytes);
      if (error instanceof HttpError) throw error;
      throw badRequest("the body could not be read to its end; nothing was recorded");
    },
  );
  if (!isUtf8(bytes)) {
    throw badRequest("the file is not UTF-8 text; nothing was recorded", [
      { row: firstLineNotUtf8(bytes), message: "holds bytes that are not UTF-8; save the file as CSV UTF-8" },
    ]);
  }
  return bytes.toString("utf8");
}
