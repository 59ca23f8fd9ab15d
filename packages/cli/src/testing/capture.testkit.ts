import type { Io } from "../io.js";
import { run } from "../run.js";

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `ledger …` in-process with captured output; stderr is not a terminal unless asked. */
export async function ledger(argv: string[], env: Io["env"] = {}, tty = false): Promise<Captured> {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: tty },
    env,
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}
