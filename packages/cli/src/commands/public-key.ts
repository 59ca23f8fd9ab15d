import { exportPublicKey } from "@relief-ledger/audit";
import type { Command } from "commander";
import type { Io } from "../io.js";
import { jsonOf } from "../audit/describe.js";
import { signingKeyOf } from "./sign-head.js";

function publicKey(flags: { key?: string; json?: boolean }, io: Io): void {
  const exported = exportPublicKey(signingKeyOf(flags.key, io.env));
  io.stdout.write(flags.json ? jsonOf(exported) : exported.publicKeyPem);
}

export function publicKeyCommand(program: Command, io: Io): void {
  program
    .command("public-key")
    .description("Print the public half of the signing key, to hand to auditors (PEM, or JSON with its key id)")
    .option("--key <file>", "the Ed25519 private key, PKCS#8 PEM (default: $LEDGER_SIGNING_KEY)")
    .option("--json", "print keyId, algorithm, publicKeyPem and publicKeyHex as JSON")
    .action((flags: { key?: string; json?: boolean }) => publicKey(flags, io));
}
