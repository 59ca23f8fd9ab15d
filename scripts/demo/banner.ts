import type { Role } from "@relief-ledger/http";
import type { Service } from "./services.js";

export interface Banner {
  title: string;
  dataDir: string;
  services: readonly Service[];
  url: (port: string) => string;
  /** Only on the run that made them: they are shown once, and only their hashes are kept. */
  tokens?: Record<Role, string>;
  donorId?: string;
}

/** Where everything is, and on the first run the demo keys. */
export function printBanner({ title, dataDir, services, url, tokens, donorId }: Banner): void {
  console.log(`\nRelief distribution ledger — ${title} — data in ${dataDir}`);
  // The pages first: that is where a person starts.
  const web = services.find((s) => s.name === "web");
  if (web) console.log(`  pages     ${url(web.port)}   sign in with a key below`);
  for (const { name, port } of services.filter((s) => s !== web))
    console.log(`  ${name.padEnd(9)} ${url(port)}   docs ${url(port)}/docs   health ${url(port)}/health`);
  if (!tokens) {
    console.log(
      "\nDemo keys were printed on the first start (if it got that far). Make more with: pnpm ledger keys create --role …",
    );
    return;
  }
  console.log("\nDemo API keys — shown once, only their hashes are kept; copy them now:");
  for (const [role, token] of Object.entries(tokens)) console.log(`  ${role.padEnd(8)} ${token}`);
  const query = services.find((s) => s.name === "query")!;
  console.log(`\nTry: curl -H "Authorization: Bearer <donor key>" ${url(query.port)}/v1/donors/${donorId}/attribution`);
}
