import { catchUpIndex, loadSigningKey, signNextHead, type SigningKey } from "@relief-ledger/audit";
import { isEventStoreError, type EventStore } from "@relief-ledger/event-store";
import { LogOriginSchema } from "@relief-ledger/domain";
import type { Command } from "commander";
import { count, refusedError, usageError, type Io } from "../io.js";
import { openIndex, storeLocation, withStore } from "../audit/locations.js";

interface SignFlags {
  store?: string;
  index: string;
  key?: string;
  catchUp?: boolean;
}

export function signingKeyOf(file: string | undefined, env: Io["env"]): SigningKey {
  try {
    return loadSigningKey({
      keyFile: file ?? env.LEDGER_SIGNING_KEY,
      demo: env.LEDGER_DEMO === "1" || env.LEDGER_DEMO === "true",
      dataDir: env.LEDGER_DATA_DIR || ".data",
    });
  } catch (error) {
    throw usageError((error as Error).message);
  }
}

async function signWith(flags: SignFlags, io: Io, store: EventStore): Promise<void> {
  const key = signingKeyOf(flags.key, io.env);
  const index = openIndex(flags.index, { readonly: !flags.catchUp, create: flags.catchUp ?? false });
  try {
    if (flags.catchUp) await catchUpIndex(store, index);
    const origin = io.env.LEDGER_LOG_ORIGIN;
    if (origin !== undefined && !LogOriginSchema.safeParse(origin).success) {
      throw usageError(
        "LEDGER_LOG_ORIGIN must be printable ASCII without spaces or '+', e.g. ledger.example.org/relief",
      );
    }
    const result = await signNextHead({ store, index, key, ...(origin && { origin }) });
    io.stdout.write(
      result.signed
        ? `Signed the ${count(result.head.treeSize)}-event ledger (root ${result.head.rootHash}) with ${key.keyId}; ` +
            `head r${result.revision} is at position ${result.position}.\n`
        : `Nothing to sign: ${result.reason}.\n`,
    );
  } finally {
    index.close();
  }
}

async function signHeadNow(flags: SignFlags, io: Io): Promise<void> {
  await withStore(storeLocation(flags.store, io.env), false, (store) =>
    signWith(flags, io, store).catch((error: unknown) => {
      if (isEventStoreError(error, "WRONG_EXPECTED_REVISION"))
        throw refusedError("another head was appended meanwhile; run the command again");
      throw error;
    }),
  );
}

export function signHeadCommand(program: Command, io: Io): void {
  program
    .command("sign-head")
    .description("Sign the Merkle index's current root and append it to the ledger-heads stream (operators)")
    .option("--store <location>", "the event store (default: $LEDGER_STORE)")
    .requiredOption("--index <file>", "the Merkle index")
    .option("--key <file>", "the Ed25519 private key, PKCS#8 PEM (default: $LEDGER_SIGNING_KEY)")
    .option("--catch-up", "first index the events the index has not seen yet")
    .action((flags: SignFlags) => signHeadNow(flags, io));
}
