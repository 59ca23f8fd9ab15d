import { MAX_DISTRIBUTIONS_PER_SUBMISSION, isSlug } from "@relief-ledger/domain";
import type { Command } from "commander";
import { usageError, type Io } from "../io.js";
import { DEFAULT_RETRIES, retryDelays } from "../submit/client.js";
import { submitFile } from "../submit/submit-file.js";

interface SubmitFlags {
  cbo: string;
  url?: string;
  key?: string;
  chunk?: string;
  retries?: string;
  verify?: boolean;
}

const DEFAULT_URL = "http://127.0.0.1:4001";

function chunkSizeOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const size = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(size >= 1 && size <= MAX_DISTRIBUTIONS_PER_SUBMISSION)) {
    throw usageError(`--chunk must be a whole number from 1 to ${MAX_DISTRIBUTIONS_PER_SUBMISSION}`);
  }
  return size;
}

function retriesOf(text: string | undefined): number {
  if (text === undefined) return DEFAULT_RETRIES;
  if (!/^\d{1,2}$/.test(text)) throw usageError("--retries must be a whole number from 0 to 99");
  return Number(text);
}

function urlOf(text: string): string {
  try {
    const url = new URL(text);
    if (url.protocol === "http:" || url.protocol === "https:") return url.href;
  } catch {
    // reported below
  }
  throw usageError("the ingest URL (--url or LEDGER_INGEST_URL) must be an http:// or https:// address");
}

async function submit(file: string, flags: SubmitFlags, io: Io): Promise<void> {
  if (!isSlug(flags.cbo)) throw usageError("--cbo must be the CBO's id, a lowercase slug such as ashodaya-samithi");
  const token = flags.key ?? io.env.LEDGER_API_KEY;
  if (!token) throw usageError("no API key: set LEDGER_API_KEY (or pass --key) to the token of this CBO's key");
  const url = urlOf(flags.url ?? (io.env.LEDGER_INGEST_URL || DEFAULT_URL));
  const chunkSize = chunkSizeOf(flags.chunk);
  const client = { url, token, retryDelaysMs: retryDelays(retriesOf(flags.retries)) };
  await submitFile(
    { file, cboId: flags.cbo, verify: flags.verify ?? false, client, ...(chunkSize && { chunkSize }) },
    io,
  );
}

export function submitCommand(program: Command, io: Io): void {
  program
    .command("submit")
    .description("Send a CBO's distributions from a CSV file, in chunks, resuming where an earlier run stopped")
    .argument("<file>", "the CSV file; its progress is kept beside it in <file>.ledger-state.json")
    .requiredOption("--cbo <cboId>", "the CBO the distributions belong to")
    .option("--url <url>", `the ingest service (default: $LEDGER_INGEST_URL, else ${DEFAULT_URL})`)
    .option("--key <token>", "the CBO's API key (default: $LEDGER_API_KEY, which keeps it out of shell history)")
    .option(
      "--chunk <n>",
      `rows per submission, 1 to ${MAX_DISTRIBUTIONS_PER_SUBMISSION} (default: the size the file was started with, else 1000)`,
    )
    .option(
      "--retries <n>",
      `retries of a chunk on network errors, 429 and 5xx, with growing waits (default: ${DEFAULT_RETRIES})`,
    )
    .option("--verify", "send chunks recorded earlier again; the ledger confirms each one unchanged")
    .action((file: string, flags: SubmitFlags) => submit(file, flags, io));
}
