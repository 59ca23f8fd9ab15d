import { afterAll, beforeAll } from "vitest";
import { SPARSE_POSITIONS_ENV } from "../sqlite/sparse-positions.js";
import { tempDir } from "./temp-dir.testkit.js";

/** A fresh temp dir for one test file's tests, removed after the last of them. */
export function tempDirForFile(prefix: string): ReturnType<typeof tempDir> {
  const dir = tempDir(prefix);
  afterAll(dir.remove);
  return dir;
}

/**
 * For a test file that edits SQLite rows by position, or reads positions in a command's output:
 * every store it opens, in process or in a child, uses the file's own positions even in the
 * sparse-positions pass. Put back as it was after the file's tests.
 */
export function onFilePositions(): void {
  const wanted = process.env[SPARSE_POSITIONS_ENV];
  beforeAll(() => {
    delete process.env[SPARSE_POSITIONS_ENV];
  });
  afterAll(() => {
    if (wanted !== undefined) process.env[SPARSE_POSITIONS_ENV] = wanted;
  });
}
