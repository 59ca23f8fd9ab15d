import { listenService, type RunningService } from "@relief-ledger/http";
import { buildWebApp } from "./app.js";
import type { WebConfig } from "./config.js";

export async function startWeb(config: WebConfig): Promise<RunningService> {
  return listenService(await buildWebApp({ config }), config, []);
}
