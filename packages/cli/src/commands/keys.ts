import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import {
  ApiKeysFileError,
  ROLES,
  ROLE_SCOPES,
  addToApiKeysFile,
  createApiKey,
  describeScope,
  keyStatus,
  readApiKeysFile,
  readLastUsed,
  revokeApiKeys,
  type ApiKeyRecord,
  type Role,
} from "@relief-ledger/http";
import { cboStream, donorStream, isCalendarDate, isSlug } from "@relief-ledger/domain";
import { Option, type Command } from "commander";
import { parseWitnessVkey } from "@relief-ledger/audit";
import { openStore, storeLocation } from "../audit/locations.js";
import { readText } from "../audit/files.js";
import { CliError, refusedError, usageError, type Io } from "../io.js";
import { defaultKeysFile } from "./keys-file.js";

interface CreateOptions {
  role: Role;
  cbo?: string;
  donor?: string;
  witnessKey?: string;
  label?: string;
  expires?: string;
  file?: string;
  store?: string;
}

/** A witness's verifier key from its file, checked to be a C2SP tlog-cosignature vkey. */
function readWitnessKey(file: string): string {
  const vkey = readText(file, "the witness key file").trim();
  try {
    parseWitnessVkey(vkey);
  } catch (error) {
    throw usageError(`${file}: ${(error as Error).message}`);
  }
  return vkey;
}

const LABEL_MAX = 200;

/**
 * The flag that names each kind of scope, and where the ledger records its registration. A role
 * whose scope is one of these (ROLE_SCOPES, from the domain) needs no change here.
 */
const SCOPE_FLAGS: Record<string, { flag: "cbo" | "donor"; what: string; stream: (id: string) => string }> = {
  cboId: { flag: "cbo", what: "CBO", stream: cboStream },
  donorId: { flag: "donor", what: "donor", stream: donorStream },
};

/** Each role's scope fields, each named by exactly its flag; no other scope flag is allowed. */
function scopeOf(options: CreateOptions): Record<string, string> {
  if ((options.role === "witness") !== (options.witnessKey !== undefined)) {
    throw usageError(
      options.role === "witness"
        ? "a witness key needs --witness-key <file>: the witness's verifier key (ledger witness --print-key)"
        : `--witness-key is only for a witness key, not ${options.role}`,
    );
  }
  const needed = ROLE_SCOPES[options.role];
  const scope: Record<string, string> = {};
  for (const [field, { flag, what }] of Object.entries(SCOPE_FLAGS)) {
    const value = options[flag];
    if (needed.includes(field) && value === undefined)
      throw usageError(`a ${options.role} key needs --${flag} <${field}>`);
    if (!needed.includes(field) && value !== undefined)
      throw usageError(`--${flag} is only for a ${roleNeeding(field)} key, not ${options.role}`);
    if (value === undefined) continue;
    if (!isSlug(value)) throw usageError(`--${flag} must be a lowercase slug such as ashodaya-samithi (a ${what} id)`);
    scope[field] = value;
  }
  const unflagged = needed.find((field) => !(field in SCOPE_FLAGS));
  if (unflagged) throw usageError(`keys create cannot yet set ${unflagged}, the scope of a ${options.role} key`);
  return scope;
}

const roleNeeding = (field: string) => ROLES.filter((role) => ROLE_SCOPES[role].includes(field)).join(" or ");

function checkLabel(label: string | undefined): void {
  if (label !== undefined && (label.length > LABEL_MAX || /\p{Cc}/u.test(label))) {
    throw usageError(`--label must be one line of at most ${LABEL_MAX} characters`);
  }
}

const DURATION = /^(\d{1,5})([dh])$/;

/**
 * `--expires`: a UTC time (2027-03-31T18:30:00Z), a date (the key works until that day begins,
 * UTC), or a duration from now (90d, 12h). It must lie in the future.
 */
export function expiryOf(text: string, now = Date.now()): string {
  const duration = DURATION.exec(text);
  let at: number;
  if (duration) at = now + Number(duration[1]) * (duration[2] === "d" ? 86_400_000 : 3_600_000);
  else if (/^\d{4}-\d{2}-\d{2}$/.test(text)) at = Date.parse(`${text}T00:00:00Z`);
  else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/.test(text)) at = Date.parse(text);
  else at = Number.NaN;
  if (!duration && !isCalendarDate(text.slice(0, 10))) at = Number.NaN; // Date.parse rolls 02-30 over to March
  if (Number.isNaN(at))
    throw usageError("--expires must be a UTC time (2027-03-31T18:30:00Z), a date or a duration (90d, 12h)");
  if (at <= now) throw usageError("--expires must be in the future");
  return new Date(at).toISOString();
}

/** Refuses a scope the store has no registration for; says so and goes on when there is no store to ask. */
async function checkRegistered(scope: Record<string, string>, options: CreateOptions, io: Io): Promise<void> {
  const fields = Object.keys(scope);
  if (fields.length === 0) return;
  const location = storeLocation(options.store, io.env);
  const local = !/^[a-z][a-z0-9+.-]*:\/\//i.test(location);
  if (local && !existsSync(location.replace(/^sqlite:/, ""))) {
    if (options.store !== undefined) throw usageError(`no event store at ${location} (check --store)`);
    io.stderr.write(`ledger: no event store at ${location}, so the registration was not checked\n`);
    return;
  }
  const store = openStore(location, true);
  try {
    for (const field of fields) {
      const { what, stream } = SCOPE_FLAGS[field]!;
      const events = await store.readStream(stream(scope[field]!)).catch((error: unknown) => {
        throw new CliError(3, `the event store at ${location} did not answer (${(error as Error).name}); try again`);
      });
      if (events.length === 0) {
        throw refusedError(
          `no ${what} ${scope[field]} is registered in ${location}: register it first, or check the id and --store`,
        );
      }
    }
  } finally {
    await store.close();
  }
}

// Its message names the file and the rule broken; the file holds only hashes and scopes.
const refuseDamaged = (error: unknown): never => {
  if (error instanceof ApiKeysFileError) throw refusedError(error.message);
  throw error;
};

function readKeys(file: string): Map<string, ApiKeyRecord> {
  try {
    return readApiKeysFile(file);
  } catch (error) {
    return refuseDamaged(error);
  }
}

async function create(options: CreateOptions, io: Io): Promise<void> {
  const scope = scopeOf(options);
  checkLabel(options.label);
  const expiresAt = options.expires === undefined ? undefined : expiryOf(options.expires);
  const file = options.file ?? defaultKeysFile(io.env);
  readKeys(file); // refuse a damaged file before a token is shown that would never work
  await checkRegistered(scope, options, io);
  const { token, record } = createApiKey({
    role: options.role,
    ...scope,
    ...(options.witnessKey && { witnessKey: readWitnessKey(options.witnessKey) }),
    ...(options.label && { label: options.label }),
    ...(expiresAt && { expiresAt }),
  });
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  // Under the file's lock, read afresh and renamed over: a concurrent create never loses this key.
  try {
    addToApiKeysFile(file, record);
  } catch (error) {
    refuseDamaged(error);
  }
  io.stdout.write(
    [
      `Created API key ${record.keyId}: role ${record.role}, scope ${describeScope(record)}${record.label ? `, label "${record.label}"` : ""}${record.expiresAt ? `, expires ${record.expiresAt}` : ""}.`,
      `Added to ${file} (only its SHA-256 hash is kept; running services accept it from their next request).`,
      "Store this token now, in a password manager or the CBO's secret store. It is shown only this once and cannot be recovered:",
      "",
      token,
      "",
    ].join("\n"),
  );
}

interface RevokeOptions {
  label?: string;
  file?: string;
}

function revoke(keyIds: string[], options: RevokeOptions, io: Io): void {
  if ((keyIds.length === 0) === (options.label === undefined)) {
    throw usageError("name the keys to revoke: one or more key ids, or --label <label> for every key with that label");
  }
  const file = options.file ?? defaultKeysFile(io.env);
  const known = readKeys(file);
  const unknown = keyIds.filter((keyId) => !known.has(keyId));
  if (unknown.length > 0) throw refusedError(`no key ${unknown.join(", ")} in ${file} (ledger keys list shows them)`);
  const wanted = new Set(keyIds);
  let revoked: ApiKeyRecord[];
  try {
    revoked = revokeApiKeys(
      file,
      (r) => wanted.has(r.keyId) || (options.label !== undefined && r.label === options.label),
    );
  } catch (error) {
    return refuseDamaged(error);
  }
  for (const r of revoked) io.stdout.write(`Revoked ${r.keyId} (role ${r.role}, scope ${describeScope(r)}).\n`);
  const already = keyIds.filter((keyId) => !revoked.some((r) => r.keyId === keyId));
  for (const keyId of already) io.stdout.write(`${keyId} was already revoked (${known.get(keyId)!.revokedAt}).\n`);
  if (revoked.length === 0 && already.length === 0) io.stdout.write(`No unrevoked key has that label in ${file}.\n`);
  if (revoked.length > 0) io.stdout.write("Running services refuse them from their next request.\n");
}

function statusText(record: ApiKeyRecord, now: number): string {
  const status = keyStatus(record, now);
  if (status === "revoked") return `revoked ${record.revokedAt}`;
  if (status === "expired") return `expired ${record.expiresAt}`;
  return record.expiresAt ? `active, expires ${record.expiresAt}` : "active";
}

function list(options: { file?: string }, io: Io): void {
  const file = options.file ?? defaultKeysFile(io.env);
  const keys = [...readKeys(file).values()];
  if (keys.length === 0) {
    io.stdout.write(`No API keys in ${file}.\n`);
    return;
  }
  const lastUsed = readLastUsed(file);
  const now = Date.now();
  const rows = [
    ["keyId", "role", "scope", "label", "createdAt", "lastUsed", "status"],
    ...keys.map((k) => [
      k.keyId,
      k.role,
      describeScope(k),
      k.label ?? "",
      k.createdAt,
      lastUsed.get(k.keyId) ?? "never",
      statusText(k, now),
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  io.stdout.write(
    rows
      .map((row) =>
        row
          .map((cell, i) => cell.padEnd(widths[i]!))
          .join("  ")
          .trimEnd(),
      )
      .join("\n") + "\n",
  );
  io.stdout.write("lastUsed is the hour (UTC) a service last accepted the key, noted at most a minute late.\n");
}

export function keysCommand(program: Command, io: Io): void {
  const keys = program.command("keys").description("Manage the API keys the services accept (operators)");
  const fileOption = () =>
    new Option(
      "--file <path>",
      "the API keys file (default: $LEDGER_API_KEYS_FILE, else $LEDGER_DATA_DIR/api-keys.json)",
    );
  keys
    .command("create")
    .description("Create a key, add its hash to the keys file and print its token once")
    .addOption(new Option("--role <role>", "what the key may do").choices(ROLES).makeOptionMandatory())
    .option("--cbo <cboId>", "the CBO a cbo key acts for (required for, and only for, --role cbo)")
    .option("--donor <donorId>", "the donor a donor key reads for (required for, and only for, --role donor)")
    .option("--witness-key <file>", "the witness's verifier key (required for, and only for, --role witness)")
    .option("--label <text>", "a note for operators: where or by whom the key is used")
    .option("--expires <when>", "when the key stops working: a UTC time, a date (UTC midnight) or 90d / 12h")
    .option("--store <location>", "where to check that --cbo / --donor is registered (default as the services)")
    .addOption(fileOption())
    .action((options: CreateOptions) => create(options, io));
  keys
    .command("revoke [keyId...]")
    .description("End keys at once: every running service refuses them from its next request")
    .option("--label <label>", "revoke every key with this label (e.g. demo-loader)")
    .addOption(fileOption())
    .action((keyIds: string[], options: RevokeOptions) => revoke(keyIds, options, io));
  keys
    .command("list")
    .description("List the keys: role, scope, label, created, last used and status; never hashes or tokens")
    .addOption(fileOption())
    .action((options: { file?: string }) => list(options, io));
}
