// The query app in its own process, as production runs it, plus a hello-world route on the same
// server for the benchmark's reference. Prints its address on stdout once listening.
import { staticKeyring, type ApiKeyRecord } from "@relief-ledger/http";
import { buildQueryApp, followReadModel } from "@relief-ledger/query";

const file = process.env.LEDGER_BENCH_READ_MODEL;
const keys = JSON.parse(process.env.LEDGER_BENCH_KEYS ?? "[]") as ApiKeyRecord[];
if (!file) throw new Error("LEDGER_BENCH_READ_MODEL is not set");

const readModel = followReadModel(file);
const app = await buildQueryApp({
  readModel,
  keyring: staticKeyring(keys),
  // Warn, like the services under `pnpm bench`: a log line per request would be measured too.
  logger: { level: "warn" },
  // The limiter still runs on every request; it just never says no.
  rateLimitPerMinute: 1_000_000_000,
});
// Same server, same plugins and hooks, no key, no read model: what the stack alone costs.
app.get("/bench/hello", async () => ({ ok: true }));
const address = await app.listen({ host: "127.0.0.1", port: 0 });
console.log(address);

process.once("SIGTERM", () => {
  void app.close().then(() => {
    readModel.close();
    process.exit(0);
  });
});
