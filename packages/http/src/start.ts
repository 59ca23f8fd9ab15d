import { ApiKeysFileError } from "./api-keys-file.js";

/**
 * Runs a service's start from its main. A keys file it cannot use stops it with one line that
 * names the file and what is wrong (exit 1), instead of a stack trace, or a service that answers
 * every request with 500.
 */
export async function startOrExplain<T>(service: string, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    if (!(error instanceof ApiKeysFileError)) throw error;
    process.stderr.write(
      `${service}: cannot start: ${error.message}. Fix or restore it (LEDGER_API_KEYS_FILE); ` +
        "`ledger keys list` reads it the same way.\n",
    );
    process.exit(1);
  }
}
