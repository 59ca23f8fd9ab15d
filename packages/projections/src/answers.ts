// The answers of the read queries as the query API sends them (docs/api.md): plain types with no
// import, so the web pages (`@relief-ledger/projections/answers`) and the queries that produce
// them share one statement of each shape, and nothing of the database comes with it into a bundle.

export interface Flag {
  flagId: string;
  personId: string;
  service: string;
  distributedOn: string;
  /** The CBO of the excess distribution. */
  cboId: string;
  /** The CBOs of every distribution in the window. */
  cboIds: string[];
  /** The first day of the window; it ends on distributedOn. */
  windowOpensOn: string;
  /** How many of the person's distributions of the service precede this one in its window (earlierDistributions pages them). */
  earlierCount: number;
  windowDays: number;
  maxPerWindow: number;
  status: "open" | "resolved";
  resolution: { verdict: string; note: string; resolvedAt: string } | null;
}

/** How many flags of one month (of their excess distribution) are open, confirmed and dismissed. */
export interface FlagOutcomes {
  month: string;
  open: number;
  confirmed: number;
  dismissed: number;
}

export interface EarlierDistribution {
  distributionId: string;
  distributedOn: string;
  cboId: string;
  valuePaise: number;
  /** `fund`, `auto` (the CBO's funds, oldest first) or `scheme`. */
  fundingKind: string;
  /** The fund a `fund` distribution names; null otherwise. */
  fundId: string | null;
  /** The government scheme of a `scheme` distribution; null otherwise. */
  scheme: string | null;
}

/** One of a CBO's own distributions as the CBO recorded it, without anything about the person. */
export interface CboDistribution {
  distributionId: string;
  submissionId: string;
  service: string;
  distributedOn: string;
  quantity: number;
  valuePaise: number;
  funding: { kind: string; fundId?: string; scheme?: string };
  district: string | null;
  status: "recorded" | "voided";
  /** Where it stands in the global log (opaque, compare as the store says). */
  position: string;
}
