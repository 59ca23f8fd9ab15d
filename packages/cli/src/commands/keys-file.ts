import { join } from "node:path";
import type { Io } from "../io.js";
import { DATA_FILES } from "@relief-ledger/http";

/** The same file the services read: LEDGER_API_KEYS_FILE, else api-keys.json in the data directory. */
export const defaultKeysFile = (env: Io["env"]): string =>
  env.LEDGER_API_KEYS_FILE || join(env.LEDGER_DATA_DIR || ".data", DATA_FILES.apiKeys);
