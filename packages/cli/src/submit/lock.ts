import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { refusedError } from "../io.js";

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === "EPERM";
  }
}

function holderOf(lock: string): number | undefined {
  try {
    return Number(readFileSync(lock, "utf8").trim());
  } catch {
    return undefined; // released meanwhile
  }
}

/**
 * One `ledger submit` per file at a time: two runs starting on a file without a state would each
 * give its rows new ids and record them twice. A lock left by a run that died is taken over.
 */
export function lockFile(file: string): () => void {
  const lock = `${file}.lock`;
  for (let tries = 0; ; tries++) {
    try {
      writeFileSync(lock, `${process.pid}\n`, { flag: "wx", mode: 0o600 });
      return () => rmSync(lock, { force: true });
    } catch (error) {
      if ((error as { code?: string }).code !== "EEXIST" || tries > 0) throw error;
    }
    const holder = holderOf(lock);
    if (holder !== undefined && Number.isInteger(holder) && holder > 0 && isRunning(holder)) {
      throw refusedError(`another ledger submit (process ${holder}) is sending this file; wait for it to finish`);
    }
    rmSync(lock, { force: true });
  }
}
