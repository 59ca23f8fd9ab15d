import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { canonicalJson, readRecordedHeads, legacyBelowOf } from "@relief-ledger/audit";
import { CalendarDateSchema, DonorIdSchema } from "@relief-ledger/domain";
import { openReadModel, rebuild } from "@relief-ledger/projections";
import {
  STATEMENT_MAX_BYTES,
  StatementSchema,
  checkStatementHead,
  compareFigures,
  describeDifference,
  statementFigures,
  statementText,
  type Statement,
} from "@relief-ledger/statement";
import { Option, type Command } from "commander";
import { CliError, EXIT, refusedError, usageError, type Io } from "../io.js";
import { readJson, readPublicKeys } from "../audit/files.js";
import { collect, eventsInLog, openStore, storeLocation } from "../audit/locations.js";
import { auditRefusal } from "../audit/refusal.js";
import { workProgress, type WorkProgress } from "../progress/work-progress.js";
import { scanPrefix, storeUpTo } from "@relief-ledger/replay";
import { apiKeyOf } from "./submit.js";
import { readWitnessKeys } from "./verify.js";

interface StatementFlags {
  donor?: string;
  from?: string;
  to?: string;
  out?: string;
  url?: string;
  keyFile?: string;
  key?: string;
  check?: string;
  store?: string;
  publicKey: string[];
  witnessKey: string[];
}

const DEFAULT_QUERY_URL = "http://127.0.0.1:4002";

function queryUrl(flags: StatementFlags, io: Io): URL {
  const text = flags.url ?? (io.env.LEDGER_QUERY_URL || DEFAULT_QUERY_URL);
  try {
    const url = new URL(text);
    if (url.protocol === "http:" || url.protocol === "https:") return url;
  } catch {
    // named below
  }
  throw usageError("the query URL (--url or LEDGER_QUERY_URL) must be an http:// or https:// address");
}

const day = (flag: string, value: string | undefined): string | undefined => {
  if (value !== undefined && !CalendarDateSchema.safeParse(value).success)
    throw usageError(`--${flag} must be a real calendar day written YYYY-MM-DD`);
  return value;
};

/** Fetches the donor's statement from the query service, writes it as canonical JSON, prints it. */
async function fetchStatement(flags: StatementFlags, io: Io): Promise<void> {
  const donorId = flags.donor!;
  if (!DonorIdSchema.safeParse(donorId).success) throw usageError("--donor must be a donor id (a lowercase slug)");
  const from = day("from", flags.from);
  const to = day("to", flags.to);
  if (from !== undefined && to !== undefined && from > to) throw usageError("--to must not be before --from");
  const token = apiKeyOf(flags, io);
  const url = new URL(`v1/donors/${donorId}/statement`, `${queryUrl(flags, io).href.replace(/\/?$/, "/")}`);
  if (from !== undefined) url.searchParams.set("from", from);
  if (to !== undefined) url.searchParams.set("to", to);
  let response: Response;
  try {
    response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  } catch {
    throw new CliError(EXIT.unavailable, `the query service at ${url.origin} cannot be reached`);
  }
  const body = (await response.json().catch(() => null)) as { message?: unknown } | null;
  const message = typeof body?.message === "string" ? body.message : undefined;
  if (response.status === 503)
    throw new CliError(
      EXIT.unavailable,
      `no statement yet: ${message ?? "the service is not ready"} (try again in ${response.headers.get("retry-after") ?? "a few"} seconds)`,
    );
  if (!response.ok) throw refusedError(`the query service refused (${response.status}): ${message ?? ""}`);
  const parsed = StatementSchema.safeParse(body);
  if (!parsed.success) throw refusedError("the query service answered with something that is not a statement");
  const statement = parsed.data;
  if (flags.out !== undefined) {
    try {
      writeFileSync(flags.out, `${canonicalJson(statement)}\n`, { flag: "wx" });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      throw usageError(
        `cannot write ${flags.out} (${code === "EEXIST" ? "it exists; give a new file" : String(code)})`,
      );
    }
  }
  io.stdout.write(statementText(statement));
  if (flags.out !== undefined)
    io.stdout.write(
      `\nWrote ${flags.out}; anyone with the ledger can check it: ledger statement --check ${flags.out}\n`,
    );
}

function readStatement(file: string): Statement {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (error) {
    throw usageError(`cannot read the statement ${file} (${(error as NodeJS.ErrnoException).code ?? "unreadable"})`);
  }
  if (size > STATEMENT_MAX_BYTES)
    throw refusedError(`${file} is larger than any statement (${STATEMENT_MAX_BYTES} bytes)`);
  const parsed = StatementSchema.safeParse(readJson(file, "the statement"));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw refusedError(`${file} is not a statement: ${issue.path.join(".") || "(the document)"} ${issue.message}`);
  }
  return parsed.data;
}

/**
 * Checks a statement against the ledger: the head's signature and cosignatures with the keys the
 * checker trusts, then the first treeSize events of the store against the signed root, then every
 * figure against the same statement recomputed from a fresh replay of exactly those events.
 */
async function checkStatement(file: string, flags: StatementFlags, io: Io): Promise<void> {
  if (flags.publicKey.length === 0)
    throw usageError("--public-key <file> is required: the ledger's public key you trust, never one the file carries");
  const statement = readStatement(file);
  const ledgerKeys = readPublicKeys(flags.publicKey);
  const witnesses = readWitnessKeys(flags.witnessKey);
  const { head } = statement;
  const signature = checkStatementHead(head, ledgerKeys, witnesses);
  if (signature.problems.length > 0) throw refusedError(`${file} does not check: ${signature.problems.join("; ")}`);

  const location = storeLocation(flags.store, io.env);
  const store = openStore(location, true);
  const work = mkdtempSync(join(tmpdir(), "ledger-statement-check-"));
  let bar: WorkProgress | undefined;
  try {
    bar = workProgress(io.stderr, {
      label: "hashing the log",
      unit: "events",
      total: await eventsInLog(store, location),
    });
    let taken = 0;
    const prefix = await scanPrefix(
      store,
      () => taken++ < head.treeSize,
      new Set([head.treeSize]),
      legacyBelowOf(await readRecordedHeads(store)),
      bar.update,
    );
    bar.stop();
    if (prefix.events < head.treeSize)
      throw refusedError(
        `the store holds ${prefix.events} events, fewer than the ${head.treeSize} the statement was computed at`,
      );
    if (prefix.rootHash !== head.rootHash)
      throw refusedError(
        `the store's first ${head.treeSize} events do not give the signed root: the store was changed (ledger verify locates the event)`,
      );
    bar = workProgress(io.stderr, { label: "replaying", unit: "events", total: head.treeSize });
    const readModelFile = join(work, "read-model.db");
    await rebuild({ store: storeUpTo(store, prefix.lastPosition!), file: readModelFile, onProgress: bar.update });
    bar.stop();
    bar = undefined;
    const db = openReadModel(readModelFile);
    let differences;
    try {
      const replayed = statementFigures(db, statement.donorId, statement.period);
      if (replayed === undefined)
        throw refusedError(`donor ${statement.donorId} is not in the first ${head.treeSize} events`);
      differences = compareFigures(statement, replayed);
    } finally {
      db.close();
    }
    if (differences.length > 0) {
      for (const difference of differences) io.stdout.write(`MISMATCH ${describeDifference(difference)}\n`);
      throw refusedError(
        `${file} does not check: ${differences.length} figure(s) differ from the ledger; first: ${describeDifference(differences[0]!)}`,
      );
    }
    const lines = statement.funds.reduce((n, fund) => n + fund.lines.length, 0);
    const witnessed = signature.witnessed.map((w) => `${w.witness} (cosigned ${w.cosignedAt})`);
    io.stdout.write(
      `OK: every figure of ${file} (${statement.funds.length} fund(s), ${lines} line(s), the totals) is what the first ` +
        `${head.treeSize} events of the ledger give, and the head (root ${head.rootHash}) is signed by key ${head.keyId}.\n` +
        (witnessed.length > 0 ? `Cosigned by: ${witnessed.join(", ")}.\n` : "") +
        (signature.unchecked.length > 0
          ? `Not checked (no --witness-key given): cosignatures of ${signature.unchecked.join(", ")}.\n`
          : ""),
    );
  } catch (error) {
    throw auditRefusal(error);
  } finally {
    bar?.stop();
    rmSync(work, { recursive: true, force: true });
    await store.close();
  }
}

async function statementAction(flags: StatementFlags, io: Io): Promise<void> {
  if (flags.check !== undefined) {
    if (flags.donor !== undefined || flags.out !== undefined)
      throw usageError("--check reads the donor and period from the statement: give no --donor or --out with it");
    return checkStatement(flags.check, flags, io);
  }
  if (flags.donor === undefined)
    throw usageError("give --donor <donorId> to fetch a statement, or --check <file> to check one");
  return fetchStatement(flags, io);
}

export function statementCommand(program: Command, io: Io): void {
  program
    .command("statement")
    .description(
      "A donor's verifiable statement: fetch one (donors, auditors), or check one against the ledger (anyone)",
    )
    .option("--donor <donorId>", "the donor whose statement to fetch from the query service")
    .option("--from <day>", "funds received on or after this day (YYYY-MM-DD)")
    .option("--to <day>", "funds received on or before this day (YYYY-MM-DD)")
    .option("--out <file>", "also write the statement to this new file as canonical JSON, to keep and check")
    .option("--url <url>", `the query service (default: $LEDGER_QUERY_URL, else ${DEFAULT_QUERY_URL})`)
    .option("--key-file <path>", "a file holding the API key (default: the key in $LEDGER_API_KEY)")
    // Kept only to refuse it with advice, as submit does: commander's own refusal would repeat the token.
    .addOption(new Option("--key <token>").hideHelp())
    .option("--check <file>", "check a statement file: its head's signature, then every figure against a replay")
    .option("--store <location>", "with --check: the event store (default: $LEDGER_STORE)")
    .option(
      "--public-key <file>",
      "with --check: the ledger's PEM public key you trust; repeat for rotated keys",
      collect,
      [],
    )
    .option(
      "--witness-key <file>",
      "with --check: a witness's verifier key (C2SP vkey) to check its cosignature; repeatable",
      collect,
      [],
    )
    .action((flags: StatementFlags) => statementAction(flags, io));
}
