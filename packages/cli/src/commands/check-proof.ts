import { CONSISTENCY_BUNDLE_FORMAT, checkConsistencyBundle, checkProofBundle } from "@relief-ledger/audit";
import type { Command } from "commander";
import { refusedError, usageError, type Io } from "../io.js";
import { readJson, readText } from "../audit/files.js";
import { collect } from "../audit/locations.js";

function checkProof(file: string, flags: { publicKey: string[] }, io: Io): void {
  if (flags.publicKey.length === 0)
    throw usageError("--public-key <file> is required: the key you trust, never the bundle's");
  const keys = flags.publicKey.map((key) => readText(key, "the public key file"));
  const bundle = readJson(file, "the proof bundle");
  const isConsistency = (bundle as { format?: unknown } | null)?.format === CONSISTENCY_BUNDLE_FORMAT;
  let result;
  try {
    result = isConsistency ? checkConsistencyBundle(bundle, keys) : checkProofBundle(bundle, keys);
  } catch (error) {
    throw usageError(`a public key file: ${(error as Error).message}`);
  }
  if (!result.ok) throw refusedError(`the proof in ${file} does not check: ${result.reason}`);
  io.stdout.write(
    "eventId" in result
      ? `OK: event ${result.eventId} is leaf ${result.leafIndex} of the ${result.treeSize}-event ledger whose root ${result.rootHash} is signed by ${result.keyId}.\n`
      : `OK: the ${result.toSize}-event ledger (root ${result.toRoot}) extends the ${result.fromSize}-event one (root ${result.fromRoot}); both heads are signed.\n`,
  );
}

export function checkProofCommand(program: Command, io: Io): void {
  program
    .command("check-proof")
    .description("Check a proof bundle offline, with nothing but the bundle and a public key (anyone)")
    .argument("<file>", "the proof bundle written by ledger prove or ledger prove-consistency")
    .option("--public-key <file>", "the PEM public key you trust; repeat for rotated keys", collect, [])
    .action((file: string, flags: { publicKey: string[] }) => checkProof(file, flags, io));
}
