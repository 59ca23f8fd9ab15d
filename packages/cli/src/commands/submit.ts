import { MAX_DISTRIBUTIONS_PER_SUBMISSION, isSlug } from "@relief-ledger/domain";
import { readFileSync, statSync } from "node:fs";
import { Option, type Command } from "commander";
import { usageError, type Io } from "../io.js";
import { DEFAULT_RETRIES, retryDelays } from "../submit/client.js";
import { submitFile } from "../submit/submit-file.js";

interface SubmitFlags {
  cbo: string;
  url?: string;
  /** Refused when given: a secret on the command line shows in ps, shell history and pnpm's echo. */
  key?: string;
  keyFile?: string;
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

/**
 * The API key, from `--key-file` or $LEDGER_API_KEY, never from the command line. The file holds
 * the token alone (surrounding whitespace is ignored); neither the token nor the file's content is
 * ever repeated in a message.
 */
export function apiKeyOf(flags: Pick<SubmitFlags, "key" | "keyFile">, io: Io): string {
  if (flags.key !== undefined) {
    throw usageError(
      "--key is not accepted: a key on the command line shows in ps, shell history and pnpm's echo. " +
        "Set LEDGER_API_KEY or put the token in a file only you can read and pass --key-file <path>",
    );
  }
  if (flags.keyFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(flags.keyFile, "utf8");
    } catch (error) {
      throw usageError(`--key-file ${flags.keyFile} cannot be read (${(error as { code?: string }).code ?? "error"})`);
    }
    const token = text.trim();
    if (token === "" || /\s/.test(token))
      throw usageError(`--key-file ${flags.keyFile} must hold one token and nothing else`);
    if ((statSync(flags.keyFile).mode & 0o077) !== 0 && process.platform !== "win32") {
      io.stderr.write(`ledger: warning: ${flags.keyFile} can be read by other users; chmod 600 it\n`);
    }
    return token;
  }
  const token = io.env.LEDGER_API_KEY;
  if (!token) throw usageError("no API key: set LEDGER_API_KEY to your token, or pass --key-file <path>");
  return token;
}

async function submit(file: string, flags: SubmitFlags, io: Io): Promise<void> {
  if (!isSlug(flags.cbo)) throw usageError("--cbo must be the CBO's id, a lowercase slug such as ashodaya-samithi");
  const token = apiKeyOf(flags, io);
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
    .option("--key-file <path>", "a file holding the CBO's API key (default: the key in $LEDGER_API_KEY)")
    // Kept only to refuse it with advice: commander's own refusal would repeat --key=<token>.
    .addOption(new Option("--key <token>").hideHelp())
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
