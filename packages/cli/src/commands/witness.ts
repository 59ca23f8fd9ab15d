import { createPrivateKey, type KeyObject } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { witnessRound, witnessVkey, type WitnessOutcome } from "@relief-ledger/audit";
import type { Command } from "commander";
import { CliError, EXIT, count, usageError, type Io } from "../io.js";
import { readPublicKeys, readText } from "../audit/files.js";
import { collect } from "../audit/locations.js";

interface WitnessFlags {
  log?: string;
  logKey: string[];
  signingKey: string;
  name: string;
  state?: string;
  printKey?: boolean;
}

const MAX_RESPONSE_BYTES = 1024 * 1024;
const NAME = /^[!-*,-~]{1,255}$/;

function witnessPrivateKey(file: string): KeyObject {
  const pem = readText(file, "the witness signing key");
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: "pem" });
  } catch {
    throw usageError(`${file} is not an unencrypted PKCS#8 PEM private key`);
  }
  if (key.asymmetricKeyType !== "ed25519") throw usageError(`${file} is not an Ed25519 key`);
  return key;
}

async function get(base: string, path: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(new URL(path, base), { signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    throw new CliError(EXIT.usage, `could not check: the log at ${base} cannot be reached (${(error as Error).name})`);
  }
  const text = await response.text();
  if (!response.ok)
    throw new CliError(EXIT.usage, `could not check: ${new URL(path, base).pathname} answered ${response.status}`);
  if (text.length > MAX_RESPONSE_BYTES)
    throw new CliError(EXIT.usage, "could not check: the log's answer is too large");
  return text;
}

/** Writes a file whole or not at all: a crash never leaves a half-written checkpoint as the one kept. */
function writeAtomically(file: string, text: string): void {
  writeFileSync(`${file}.tmp`, text, { mode: 0o644 });
  renameSync(`${file}.tmp`, file);
}

function keepEvidence(state: string, outcome: Extract<WitnessOutcome, { kind: "inconsistent" }>, kept: string): string {
  const dir = join(state, "evidence", new Date().toISOString().replace(/[:.]/g, "-"));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "kept.checkpoint"), kept);
  writeFileSync(join(dir, "received.checkpoint"), outcome.receivedCheckpoint);
  if (outcome.evidence !== undefined)
    writeFileSync(join(dir, "consistency.json"), JSON.stringify(outcome.evidence, null, 2) + "\n");
  writeFileSync(join(dir, "reason.txt"), `${outcome.reason}\n`);
  return dir;
}

async function witness(flags: WitnessFlags, io: Io): Promise<void> {
  if (!NAME.test(flags.name))
    throw usageError("--name must be printable ASCII without spaces or '+', e.g. auditor.example/witness");
  const privateKey = witnessPrivateKey(flags.signingKey);
  if (flags.printKey) {
    io.stdout.write(`${witnessVkey({ name: flags.name, publicKey: privateKey })}\n`);
    return;
  }
  const log = flags.log ?? io.env.LEDGER_QUERY_URL;
  if (!log) throw usageError("--log <url> (or $LEDGER_QUERY_URL) is required: the ledger's query service");
  if (flags.logKey.length === 0)
    throw usageError("--log-key <file> is required: the operator's public key, from a source you trust");
  if (!flags.state) throw usageError("--state <dir> is required: where this witness keeps the heads it cosigned");
  const operatorKeys = readPublicKeys(flags.logKey);
  const state = flags.state;
  mkdirSync(join(state, "cosigned"), { recursive: true });
  const keptFile = join(state, "latest.checkpoint");
  const kept = existsSync(keptFile) ? readFileSync(keptFile, "utf8") : undefined;
  let outcome: WitnessOutcome;
  try {
    outcome = await witnessRound({
      fetchCheckpoint: () => get(log, "/v1/audit/checkpoint"),
      fetchConsistency: async (from, to) => {
        const text = await get(log, `/v1/audit/proofs/consistency?from=${from}&to=${to}`);
        try {
          return JSON.parse(text) as unknown;
        } catch {
          return null;
        }
      },
      operatorKeys,
      witness: { name: flags.name, privateKey },
      ...(kept !== undefined && { kept }),
      now: () => Math.floor(Date.now() / 1000),
    });
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(EXIT.usage, `could not check: ${(error as Error).message}`);
  }
  if (outcome.kind === "inconsistent") {
    const dir = keepEvidence(state, outcome, kept!);
    throw new CliError(
      EXIT.inconsistent,
      `REFUSED: ${outcome.reason}. Not cosigned; both checkpoints kept as evidence in ${dir}. ` +
        "The head kept stays the one this witness stands by.",
    );
  }
  writeFileSync(join(state, "cosigned", `${outcome.head.treeSize}.checkpoint`), outcome.checkpoint);
  writeAtomically(keptFile, outcome.checkpoint);
  io.stdout.write(
    `Cosigned the ${count(outcome.head.treeSize)}-leaf checkpoint of ${outcome.head.origin} ` +
      `(root ${outcome.head.rootHash})` +
      (outcome.from === undefined ? "" : `, consistent with the ${count(outcome.from)}-leaf one cosigned before`) +
      `; kept in ${keptFile}.\n`,
  );
  const apiKey = io.env.LEDGER_API_KEY;
  if (apiKey) await postCosignature(log, apiKey, outcome.checkpoint, io);
}

/** Posts the cosigned checkpoint back with the witness's API key, so the ledger serves it with the head. */
async function postCosignature(log: string, apiKey: string, checkpoint: string, io: Io): Promise<void> {
  let response: Response;
  try {
    response = await fetch(new URL("/v1/audit/cosignatures", log), {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ checkpoint }),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    throw new CliError(
      EXIT.unavailable,
      `cosigned and kept, but the log cannot be reached to post it (${(error as Error).name}); run again`,
    );
  }
  if (response.status !== 201) {
    throw new CliError(
      EXIT.unavailable,
      `cosigned and kept, but the log answered ${response.status} to the cosignature; run again`,
    );
  }
  io.stdout.write("Posted the cosignature to the ledger: /v1/audit/head lists it.\n");
}

export function witnessCommand(program: Command, io: Io): void {
  program
    .command("witness")
    .description("Check the ledger's latest checkpoint against the last one kept, and cosign it (donors, auditors)")
    .option("--log <url>", "the ledger's query service (default: $LEDGER_QUERY_URL)")
    .option("--log-key <file>", "the operator's PEM public key; repeat for rotated keys", collect, [])
    .requiredOption("--signing-key <file>", "this witness's own Ed25519 private key, PKCS#8 PEM")
    .requiredOption("--name <name>", "this witness's name, e.g. auditor.example/witness")
    .option("--state <dir>", "where this witness keeps the checkpoints it cosigned, and any evidence")
    .option("--print-key", "print this witness's verifier key (C2SP vkey) to hand to the ledger's admin and auditors")
    .addHelpText(
      "after",
      "\nWith LEDGER_API_KEY (a witness key), the cosignature is posted back to the ledger.\n" +
        "Exit codes: 0 cosigned; 2 could not check; 3 cosigned but not posted (run again); 4 inconsistent head refused, both kept as evidence.",
    )
    .action((flags: WitnessFlags) => witness(flags, io));
}
