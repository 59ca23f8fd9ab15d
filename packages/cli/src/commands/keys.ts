import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import {
  ROLES,
  addToApiKeysFile,
  createApiKey,
  readApiKeysFile,
  type ApiKeyRecord,
  type Role,
} from "@relief-ledger/http";
import { isSlug } from "@relief-ledger/domain";
import { Option, type Command } from "commander";
import { parseWitnessVkey } from "@relief-ledger/audit";
import { refusedError, usageError, type Io } from "../io.js";
import { readText } from "../audit/files.js";
import { defaultKeysFile } from "./keys-file.js";

interface CreateOptions {
  role: Role;
  cbo?: string;
  donor?: string;
  witnessKey?: string;
  label?: string;
  file?: string;
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

/** A cbo key names exactly one CBO and a donor key one donor; no other key names either. */
function scopeOf({ role, cbo, donor, witnessKey, label }: CreateOptions): {
  role: Role;
  cboId?: string;
  donorId?: string;
  witnessKey?: string;
  label?: string;
} {
  if ((role === "witness") !== (witnessKey !== undefined)) {
    throw usageError(
      role === "witness"
        ? "a witness key needs --witness-key <file>: the witness's verifier key (ledger witness --print-key)"
        : `--witness-key is only for a witness key, not ${role}`,
    );
  }
  if ((role === "cbo") !== (cbo !== undefined)) {
    throw usageError(role === "cbo" ? "a cbo key needs --cbo <cboId>" : `--cbo is only for a cbo key, not ${role}`);
  }
  if ((role === "donor") !== (donor !== undefined)) {
    throw usageError(
      role === "donor" ? "a donor key needs --donor <donorId>" : `--donor is only for a donor key, not ${role}`,
    );
  }
  for (const [flag, id] of [
    ["--cbo", cbo],
    ["--donor", donor],
  ] as const) {
    if (id !== undefined && !isSlug(id)) throw usageError(`${flag} must be a lowercase slug such as ashodaya-samithi`);
  }
  if (label !== undefined && (label.length > LABEL_MAX || /\p{Cc}/u.test(label))) {
    throw usageError(`--label must be one line of at most ${LABEL_MAX} characters`);
  }
  return {
    role,
    ...(cbo && { cboId: cbo }),
    ...(donor && { donorId: donor }),
    ...(witnessKey && { witnessKey: readWitnessKey(witnessKey) }),
    ...(label && { label }),
  };
}

export const describeScope = (record: Pick<ApiKeyRecord, "role" | "cboId" | "donorId" | "witnessKey">): string =>
  record.cboId
    ? `cbo ${record.cboId}`
    : record.donorId
      ? `donor ${record.donorId}`
      : record.witnessKey
        ? `witness ${record.witnessKey.split("+")[0]}`
        : "coalition-wide";

function readKeys(file: string): Map<string, ApiKeyRecord> {
  try {
    return readApiKeysFile(file);
  } catch (error) {
    // Its message names the file and the rule broken; the file holds only hashes and scopes.
    throw refusedError(error instanceof SyntaxError ? `${file} is not valid JSON` : (error as Error).message);
  }
}

function create(options: CreateOptions, io: Io): void {
  const scope = scopeOf(options);
  const file = options.file ?? defaultKeysFile(io.env);
  readKeys(file); // refuse to add to a damaged file before a token is shown that would never work
  const { token, record } = createApiKey(scope);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  addToApiKeysFile(file, record);
  io.stdout.write(
    [
      `Created API key ${record.keyId}: role ${record.role}, scope ${describeScope(record)}${record.label ? `, label "${record.label}"` : ""}.`,
      `Added to ${file} (only its SHA-256 hash is kept; running services pick it up without a restart).`,
      "Store this token now, in a password manager or the CBO's secret store. It is shown only this once and cannot be recovered:",
      "",
      token,
      "",
    ].join("\n"),
  );
}

function list(options: { file?: string }, io: Io): void {
  const file = options.file ?? defaultKeysFile(io.env);
  const keys = [...readKeys(file).values()];
  if (keys.length === 0) {
    io.stdout.write(`No API keys in ${file}.\n`);
    return;
  }
  const rows = [
    ["keyId", "role", "scope", "label", "createdAt"],
    ...keys.map((k) => [k.keyId, k.role, describeScope(k), k.label ?? "", k.createdAt]),
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
    .addOption(fileOption())
    .action((options: CreateOptions) => create(options, io));
  keys
    .command("list")
    .description("List the keys in the keys file: ids, roles and scopes, never hashes or tokens")
    .addOption(fileOption())
    .action((options: { file?: string }) => list(options, io));
}
