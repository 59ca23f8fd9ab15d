import { parseWitnessVkey, verifyCosignature, verifyLedger, type WitnessIdentity } from "@relief-ledger/audit";
import type { Command } from "commander";
import { CliError, EXIT, refusedError, usageError, type Io } from "../io.js";
import { describeProblem, jsonOf, summarize } from "../audit/describe.js";
import { readKeptHeads, readPublicKeys, readText, type KeptHeads } from "../audit/files.js";
import { collect, eventsInLog, openIndex, openStore, storeLocation } from "../audit/locations.js";
import { workProgress } from "../progress/work-progress.js";

interface VerifyFlags {
  store?: string;
  index?: string;
  publicKey: string[];
  head: string[];
  witnessKey: string[];
  json?: boolean;
}

interface Witnessed {
  witness: string;
  treeSize: number;
  rootHash: string;
  /** When the witness cosigned, ISO 8601. */
  cosignedAt: string;
}

/** Witness verifier keys (C2SP vkeys), one or more a line, from each file. */
export function readWitnessKeys(files: readonly string[]): WitnessIdentity[] {
  return files.flatMap((file) =>
    readText(file, "the witness key file")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => {
        try {
          return parseWitnessVkey(line);
        } catch (error) {
          throw usageError(`${file}: ${(error as Error).message}`);
        }
      }),
  );
}

/** The kept checkpoints each given witness validly cosigned. */
function witnessedHeads(kept: readonly KeptHeads[], witnesses: readonly WitnessIdentity[]): Witnessed[] {
  return kept.flatMap(({ note, heads: [head] }) =>
    note === undefined || head === undefined
      ? []
      : witnesses.flatMap((witness) =>
          note.signatures.flatMap((line) => {
            const at = verifyCosignature(note.body, line, witness);
            if (at === undefined) return [];
            const cosignedAt = new Date(at * 1000).toISOString();
            return [{ witness: witness.name, treeSize: head.treeSize, rootHash: head.rootHash, cosignedAt }];
          }),
        ),
  );
}

/** What verify's exit code means: a script must tell "tampered" from "could not look". */
export const VERIFY_EXIT = { verified: 0, tampering: 1, couldNotCheck: 2 } as const;

class Tampering extends Error {}

async function verify(flags: VerifyFlags, io: Io): Promise<void> {
  if (flags.publicKey.length === 0) {
    throw usageError("--public-key <file> is required: the PEM public key the heads are signed with");
  }
  const publicKeys = readPublicKeys(flags.publicKey);
  const kept = flags.head.map((file) => readKeptHeads(file, publicKeys));
  const trustedHeads = kept.flatMap(({ heads }) => heads);
  const witnesses = readWitnessKeys(flags.witnessKey);
  const witnessed = witnessedHeads(kept, witnesses);
  for (const witness of witnesses) {
    if (!witnessed.some((entry) => entry.witness === witness.name)) {
      throw usageError(`no --head checkpoint carries a valid cosignature of witness ${witness.name}`);
    }
  }
  const location = storeLocation(flags.store, io.env);
  const index = flags.index === undefined ? undefined : openIndex(flags.index, { readonly: true });
  const store = openStore(location, true);
  try {
    const total = await eventsInLog(store, location);
    const progress = workProgress(io.stderr, { label: "verifying", unit: "events", total });
    const result = await verifyLedger({
      store,
      publicKeys,
      trustedHeads,
      ...(index && { index }),
      onProgress: progress.update,
    }).finally(() => progress.stop());
    const lines = witnessed.map(
      (w) => `Witnessed: ${w.witness} cosigned the ${w.treeSize}-event head (root ${w.rootHash}) at ${w.cosignedAt}.\n`,
    );
    io.stdout.write(flags.json ? jsonOf({ ...result, witnessed }) : lines.join("") + summarize(result));
    const [first] = result.problems;
    if (first) throw new Tampering(`the ledger does not verify. First problem: ${describeProblem(first)}`);
  } finally {
    index?.close();
    await store.close();
  }
}

/**
 * Exit 0 verified, 1 tampering found, 2 could not check: a missing or unreadable file, a bad key, a
 * store that cannot be opened. Nothing but a problem in the ledger itself may exit 1.
 */
async function verifyWithExitCodes(flags: VerifyFlags, io: Io): Promise<void> {
  try {
    await verify(flags, io);
  } catch (error) {
    if (error instanceof Tampering) throw refusedError(error.message);
    if (error instanceof CliError) throw new CliError(EXIT.usage, `could not check: ${error.message}`);
    // A driver's message may quote what it read: its name and code only.
    const { name, code, constructor } = (error instanceof Error ? error : new Error()) as Error & { code?: unknown };
    const ours = constructor === Error || constructor === RangeError;
    const what = ours ? (error as Error).message : typeof code === "string" ? `${name} ${code}` : name;
    throw new CliError(EXIT.usage, `could not check: ${what}`);
  }
}

export function verifyCommand(program: Command, io: Io): void {
  program
    .command("verify")
    .description("Recompute the ledger from the store and check it against its signed heads (auditors)")
    .option("--store <location>", "the event store: a SQLite file or esdb:// URL (default: $LEDGER_STORE)")
    .option("--index <file>", "the Merkle index, to locate a problem to one event and check the index too")
    .option("--public-key <file>", "a PEM public key whose heads to trust; repeat for rotated keys", collect, [])
    .option(
      "--head <file>",
      "a signed head kept from earlier: JSON, a proof bundle, or a C2SP checkpoint a witness cosigned; repeatable",
      collect,
      [],
    )
    .option(
      "--witness-key <file>",
      "a witness's verifier key (C2SP vkey): its cosigned --head must verify; repeatable",
      collect,
      [],
    )
    .option("--json", "print the full result as JSON")
    .addHelpText("after", "\nExit codes: 0 verified, 1 tampering found, 2 could not check (usage, I/O, missing key).")
    .action((flags: VerifyFlags) => verifyWithExitCodes(flags, io));
}
