// The shapes of the query API's flag routes (docs/api.md), as the auditor's pages read them.

export interface Flag {
  flagId: string;
  personId: string;
  service: string;
  distributedOn: string;
  cboId: string;
  cboIds: string[];
  windowOpensOn: string;
  earlierCount: number;
  windowDays: number;
  maxPerWindow: number;
  status: "open" | "resolved";
  resolution: { verdict: string; note: string; resolvedAt: string } | null;
}

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
  fundingKind: string;
  fundId: string | null;
  scheme: string | null;
}
