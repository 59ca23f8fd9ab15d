import { existsSync } from "node:fs";
import { join } from "node:path";
import { openMerkleIndex, type MerkleIndex } from "@relief-ledger/audit";
import { openEventStore, openSqliteEventStore, type EventStore } from "@relief-ledger/event-store";
import { usageError, type Io } from "../io.js";

const isUrl = (location: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(location);

/** As the services resolve it: --store, else $LEDGER_STORE, else events.db in the data directory. */
export const storeLocation = (flag: string | undefined, env: Io["env"]): string =>
  flag ?? (env.LEDGER_STORE || `sqlite:${join(env.LEDGER_DATA_DIR || ".data", "events.db")}`);

/** Opens the store; a SQLite file must exist already, so a mistyped path is not a new, empty ledger. */
export function openStore(location: string, readonly: boolean): EventStore {
  if (isUrl(location)) return openEventStore(location);
  const file = location.replace(/^sqlite:/, "");
  if (!existsSync(file)) throw usageError(`no event store at ${file} (check --store or $LEDGER_STORE)`);
  return openSqliteEventStore({ file, readonly });
}

export function openIndex(file: string, options: { readonly: boolean; create?: boolean }): MerkleIndex {
  if (!options.create && !existsSync(file)) throw usageError(`no Merkle index at ${file} (build it with ledger index)`);
  try {
    return openMerkleIndex(file, { readonly: options.readonly });
  } catch (error) {
    throw usageError((error as Error).message);
  }
}

/** Commander's way to let a flag repeat. */
export const collect = (value: string, previous: string[]): string[] => [...previous, value];
