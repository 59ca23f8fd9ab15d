import { isUtf8 } from "node:buffer";
import { createReadStream } from "node:fs";
import { Transform, pipeline } from "node:stream";
import { parse } from "csv-parse";
import { refusedError } from "../io.js";
import { columnLetter } from "./columns.js";

/** One record of the file and its spreadsheet row number (the header is row 1). */
export interface CsvRecord {
  row: number;
  cells: string[];
}

/** A row of empty cells, as spreadsheets export the rows below a table; it is never sent. */
export const isBlank = (cells: readonly string[]): boolean => cells.every((cell) => cell === "");

const LINE_FEED = 0x0a;

class NotUtf8Error extends Error {
  constructor(readonly line: number) {
    super(`line ${line} is not UTF-8`);
  }
}

/**
 * Passes a file's bytes on unchanged, failing at the first line that is not UTF-8: the parser
 * would otherwise decode such bytes to U+FFFD and the ledger would store "Bel\uFFFDgaum". A line
 * feed is never part of a UTF-8 character, so lines can be checked one by one as they stream.
 */
function utf8Lines(): Transform {
  let line = 1;
  let carry = Buffer.alloc(0);
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const bytes = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
      let start = 0;
      for (let end = bytes.indexOf(LINE_FEED); end !== -1; end = bytes.indexOf(LINE_FEED, start)) {
        if (!isUtf8(bytes.subarray(start, end))) return done(new NotUtf8Error(line));
        line++;
        start = end + 1;
      }
      carry = Buffer.from(bytes.subarray(start));
      done(null, chunk);
    },
    flush(done) {
      done(isUtf8(carry) ? null : new NotUtf8Error(line));
    },
  });
}

interface ParseFault {
  code?: string;
  records?: number;
  empty_lines?: number;
  column?: unknown;
}

/**
 * A parse or read failure as a row and column. csv-parse's own message quotes the field it
 * stopped at, and the error carries the record, so only its code and counters are used.
 */
function describeFault(file: string, error: unknown): Error {
  if (error instanceof NotUtf8Error)
    return refusedError(
      `${file} row ${error.line} holds bytes that are not UTF-8: save it as "CSV UTF-8"; nothing was sent`,
    );
  const fault = error as ParseFault;
  if (fault.code?.startsWith("E")) return refusedError(`cannot read ${file} (${fault.code})`);
  const row = (fault.records ?? 0) + (fault.empty_lines ?? 0) + 1;
  const column = typeof fault.column === "number" ? `, column ${columnLetter(fault.column)}` : "";
  const what =
    fault.code === "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH"
      ? "has a different number of cells than the header"
      : "cannot be read as CSV";
  return refusedError(`${file} row ${row}${column} ${what} (${fault.code ?? "parse error"}); nothing was sent`);
}

/**
 * Streams the records of a CSV file with their spreadsheet row numbers: a quoted cell may span
 * lines and wholly empty lines still count, as they do in a spreadsheet. Cells are trimmed like
 * the ingest service trims them. Only what the consumer holds stays in memory.
 */
export async function* csvRecords(file: string): AsyncGenerator<CsvRecord> {
  const parser = parse({ bom: true, trim: true, skip_empty_lines: true, info: true });
  // pipeline, unlike pipe, passes a read error on to the parser and closes the file on early exit.
  pipeline(createReadStream(file), utf8Lines(), parser, () => {});
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { records: number; empty_lines: number };
    }>) {
      yield { row: info.records + info.empty_lines, cells: record };
    }
  } catch (error) {
    throw describeFault(file, error);
  } finally {
    parser.destroy();
  }
}
