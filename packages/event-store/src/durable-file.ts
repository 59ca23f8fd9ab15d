import { closeSync, fsyncSync, openSync } from "node:fs";

/**
 * Flushes a file, or a directory's entries, to the disk. Written to a temporary name, synced,
 * renamed over the old one and the directory synced, a file survives a crash whole, old or new.
 * Its own entry point (`@relief-ledger/event-store/durable-file`): no store adapter comes with it.
 */
export function fsyncPath(path: string): void {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
