import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { openMerkleIndex, type MerkleIndex } from "@relief-ledger/audit";
import { openEventStore, openSqliteEventStore, type EventStore } from "@relief-ledger/event-store";
import { usageError, type Io } from "../io.js";
import { auditRefusal } from "./refusal.js";
import { sqliteStoreIn } from "@relief-ledger/http";

const isUrl = (location: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(location);

/** As the services resolve it: --store, else $LEDGER_STORE, else events.db in the data directory. */
export const storeLocation = (flag: string | undefined, env: Io["env"]): string =>
  flag ?? (env.LEDGER_STORE || sqliteStoreIn(env.LEDGER_DATA_DIR || ".data"));

const cannotOpen = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === "SQLITE_CANTOPEN";

/**
 * Opens a SQLite file read-only. A WAL-mode file on read-only media without its `-shm` beside it
 * cannot be opened in place (SQLite must create the shared-memory file, and better-sqlite3 cannot
 * pass `immutable=1`): then a private temporary copy of the file (and its `-wal`, if any) is read
 * instead, and removed when done.
 */
function openReadOnly<T>(file: string, open: (file: string) => T): { opened: T; done: () => void } {
  try {
    return { opened: open(file), done: () => undefined };
  } catch (error) {
    if (!cannotOpen(error)) throw error;
  }
  const dir = mkdtempSync(join(tmpdir(), "ledger-read-only-"));
  const copy = join(dir, basename(file));
  for (const suffix of ["", "-wal"]) if (existsSync(file + suffix)) copyFileSync(file + suffix, copy + suffix);
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    const opened = open(copy);
    return { opened, done: remove };
  } catch (error) {
    remove();
    throw error;
  }
}

/**
 * How many events the log holds, for a progress bar's total: counted where counting is cheap (a
 * SQLite file, one index scan); on EventStoreDB undefined, and progress shows the count and rate.
 */
export async function eventsInLog(store: EventStore, location: string): Promise<number | undefined> {
  return isUrl(location) ? undefined : store.countEventsAfter(0n, Number.MAX_SAFE_INTEGER);
}

/** Opens the store; a SQLite file must exist already, so a mistyped path is not a new, empty ledger. */
export function openStore(location: string, readonly: boolean): EventStore {
  if (isUrl(location)) return openEventStore(location);
  const file = location.replace(/^sqlite:/, "");
  if (!existsSync(file)) throw usageError(`no event store at ${file} (check --store or $LEDGER_STORE)`);
  if (!readonly) return openSqliteEventStore({ file });
  const { opened, done } = openReadOnly(file, (at) => openSqliteEventStore({ file: at, readonly: true }));
  return Object.assign(Object.create(opened) as EventStore, {
    close: async () => {
      await opened.close();
      done();
    },
  });
}

/**
 * Opens the store (see openStore), lets `use` work with it and closes it however that ends; an
 * audit refusal thrown on the way becomes the CLI's (see auditRefusal).
 */
export async function withStore<T>(
  location: string,
  readonly: boolean,
  use: (store: EventStore) => Promise<T>,
): Promise<T> {
  const store = openStore(location, readonly);
  try {
    return await use(store);
  } catch (error) {
    throw auditRefusal(error);
  } finally {
    await store.close();
  }
}

export function openIndex(file: string, options: { readonly: boolean; create?: boolean }): MerkleIndex {
  if (!options.create && !existsSync(file)) throw usageError(`no Merkle index at ${file} (build it with ledger index)`);
  try {
    if (!options.readonly) return openMerkleIndex(file, { readonly: false });
    const { opened, done } = openReadOnly(file, (at) => openMerkleIndex(at, { readonly: true }));
    return Object.assign(Object.create(opened) as MerkleIndex, {
      close: () => {
        opened.close();
        done();
      },
    });
  } catch (error) {
    throw usageError((error as Error).message);
  }
}

/** Commander's way to let a flag repeat. */
export const collect = (value: string, previous: string[]): string[] => [...previous, value];
