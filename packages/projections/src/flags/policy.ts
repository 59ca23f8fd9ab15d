import type { Database } from "better-sqlite3";
import {
  DEFAULT_DEDUP_POLICY,
  SERVICES,
  applyDedupRules,
  type DedupPolicy,
  type DedupRule,
  type DedupRules,
  type Service,
} from "@relief-ledger/domain";

type PolicyRow = { service: string; window_days: number | null; max_per_window: number | null };

/** The dedup policy as stored: DEFAULT_DEDUP_POLICY until a DedupPolicySet changes it. */
export function policyStore(db: Database) {
  const rows = db.prepare<[], PolicyRow>("SELECT service, window_days, max_per_window FROM dedup_policy");
  const save = db.prepare("INSERT OR REPLACE INTO dedup_policy VALUES (?, ?, ?)");
  const write = (policy: DedupPolicy) => {
    for (const service of SERVICES) {
      const rule = policy[service];
      save.run(service, rule?.windowDays ?? null, rule?.maxPerWindow ?? null);
    }
  };
  const read = (): DedupPolicy => {
    const policy: Record<Service, DedupRule | null> = { ...DEFAULT_DEDUP_POLICY };
    for (const row of rows.all()) {
      const service = row.service as Service;
      policy[service] =
        row.window_days === null || row.max_per_window === null
          ? null
          : { windowDays: row.window_days, maxPerWindow: row.max_per_window };
    }
    return policy;
  };
  if (rows.all().length === 0) write(DEFAULT_DEDUP_POLICY);
  return { read, change: (rules: DedupRules) => write(applyDedupRules(read(), rules)) };
}
