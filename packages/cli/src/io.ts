/** Where a command writes, and the environment it reads: process values in main, captures in tests. */
export interface Output {
  write(text: string): unknown;
  /** True for a terminal: only then is a progress bar drawn. */
  isTTY?: boolean;
}

export interface Io {
  stdout: Output;
  stderr: Output;
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * Exit codes a script can act on: fix the input (1), fix the command (2), try again later (3); 4
 * only from `ledger witness`: the log showed an inconsistent head, and the evidence is kept.
 */
export const EXIT = { ok: 0, refused: 1, usage: 2, unavailable: 3, inconsistent: 4 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure explained to the person at the keyboard; its message must never hold a cell value or a key. */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
  ) {
    super(message);
    this.name = "CliError";
  }
}

export const usageError = (message: string) => new CliError(EXIT.usage, message);
export const refusedError = (message: string) => new CliError(EXIT.refused, message);

/** Indian digit grouping (1,00,000), as the CBOs write numbers. */
export const count = (n: number): string => n.toLocaleString("en-IN");

/** "1 event", "1,00,000 events". */
export const events = (n: number): string => `${count(n)} ${n === 1 ? "event" : "events"}`;
