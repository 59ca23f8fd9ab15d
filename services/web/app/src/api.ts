// The one client the pages use. Every call goes to this origin; the session cookie (HttpOnly,
// set by sign-in) is what authenticates it, so no script here ever holds an API key after the
// sign-in request is sent.

import type { Role } from "@relief-ledger/domain/browser";

export interface Principal {
  role: Role;
  keyId: string;
  cboId?: string;
  donorId?: string;
}

export interface SessionState {
  signedIn: boolean;
  principal?: Principal;
  publicCoalition: boolean;
}

/** A refusal from the API, with its status and stable code; its message is never shown raw. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: "same-origin", ...init });
  } catch {
    throw new ApiError(0, "network", "the ledger cannot be reached");
  }
  if (response.status === 204) return undefined as T;
  const body = (await response.json().catch(() => ({}))) as { error?: string; message?: string };
  if (!response.ok) throw new ApiError(response.status, body.error ?? "error", body.message ?? "");
  return body as T;
}

export const session = {
  current: () => call<SessionState>("/auth/session"),
  signIn: (apiKey: string) =>
    call<SessionState>("/auth/session", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ apiKey }),
    }),
  signOut: () => call<void>("/auth/session", { method: "DELETE" }),
};

/** Read API paths, as the query service names them, under this origin's /api/query. */
export const queryPath = (path: string): string => `/api/query${path}`;
/** The same figures as HXL-tagged CSV: the query API's own export, downloaded through this origin. */
export const csvPath = (path: string): string => `${queryPath(path)}${path.includes("?") ? "&" : "?"}format=csv`;
export const query = <T>(path: string): Promise<T> => call<T>(queryPath(path));
const postJson = <T>(url: string, body: unknown): Promise<T> =>
  call<T>(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
/** A write to the ingest API (JSON), through this origin's /api/ingest with the session. */
export const ingest = <T>(path: string, body: unknown): Promise<T> => postJson<T>(`/api/ingest${path}`, body);
/** A POST to the query API (an auditor starting a replay), through this origin's /api/query. */
export const queryPost = <T>(path: string, body: unknown): Promise<T> => postJson<T>(queryPath(path), body);
/** A query API path that answers with text (the signed checkpoint), as served, byte for byte. */
export async function queryText(path: string): Promise<string> {
  const response = await fetch(queryPath(path), { credentials: "same-origin" }).catch(() => undefined);
  if (response === undefined) throw new ApiError(0, "network", "the ledger cannot be reached");
  if (!response.ok) throw new ApiError(response.status, "error", "");
  return response.text();
}

// The shapes the query API answers with (see docs/api.md). Person counts may be suppressed.
/** Why a row is hidden from a donor key: 1 to 4 persons, or to protect a small group elsewhere. */
export type SuppressedReason = "small" | "protective";
export interface Measures {
  distributions: number | null;
  valuePaise: number;
  persons: number | null;
  suppressed?: boolean;
  suppressedReason?: SuppressedReason | null;
  attributedPaise: number;
  unfundedPaise: number;
  schemePaise: number;
}
export interface CoalitionTotals {
  overall: Measures & { cbos: number; funds: number; receivedPaise: number };
  cells: (Measures & { service: string; month: string })[];
}
export interface StateValueCell {
  state: string;
  service: string;
  month: string;
  valuePaise: number;
}
/** A donor as an auditor lists them (GET /v1/donors): every figure whole. */
export interface AuditorDonor {
  donorId: string;
  name: string | null;
  kind: string | null;
  funds: number;
  receivedPaise: number;
  attributedPaise: number;
  remainingPaise: number;
  persons: number;
}
/** A CBO's money as an auditor reads it (GET /v1/totals/cbos). */
export interface AuditorCboMoney {
  cboId: string;
  name: string | null;
  state: string | null;
  distributions: number;
  persons: number;
  valuePaise: number;
  attributedPaise: number;
  unfundedPaise: number;
  schemePaise: number;
  funds: number;
  receivedPaise: number;
}
export interface CboEntry {
  cboId: string;
  name: string;
  state: string;
  district: string;
}
export interface FundCell {
  cboId: string;
  service: string;
  month: string;
  /** Null where the cell is suppressed for a donor key; its money is then in the fund's suppressedPaise. */
  paise: number | null;
  distributions: number | null;
  persons: number | null;
  suppressed: boolean;
  suppressedReason: SuppressedReason | null;
}
export interface FundAttribution {
  fundId: string;
  cboId: string;
  receivedOn: string;
  receivedPaise: number;
  reference: string | null;
  attributedPaise: number;
  remainingPaise: number;
  distributions: number | null;
  persons: number | null;
  suppressed: boolean;
  suppressedReason: SuppressedReason | null;
  /** The suppressed cells' money together: the cells' paise plus this is attributedPaise. */
  suppressedPaise: number;
  cells: FundCell[];
}
export interface DonorAttribution {
  donorId: string;
  donor: { name: string; kind: string } | null;
  funds: FundAttribution[];
  overall: {
    funds: number;
    receivedPaise: number;
    attributedPaise: number;
    remainingPaise: number;
    persons: number | null;
    suppressed?: boolean;
    suppressedReason?: SuppressedReason | null;
  };
}

/** A donor's statement (the query API's document, docs/api.md): funds in a period, at a signed head. */
export interface StatementFund {
  fundId: string;
  cboId: string;
  receivedOn: string;
  reference: string | null;
  receivedPaise: number;
  attributedPaise: number;
  remainingPaise: number;
  distributions: number | null;
  persons: number | null;
  suppressed: boolean;
  lines: { cboId: string; service: string; paise: number; distributions: number; withheldCells: number }[];
  /** The withheld cells' money together: the lines' paise plus this is attributedPaise. */
  withheldPaise: number;
}
export interface Statement {
  format: string;
  donorId: string;
  donor: { name: string; kind: string } | null;
  period: { from: string | null; to: string | null };
  generatedAt: string;
  head: {
    treeSize: number;
    rootHash: string;
    keyId: string;
    origin: string;
    signedAt: string;
    checkpoint: string;
    cosignatures: { witness: string; cosignedAt: string }[];
  };
  funds: StatementFund[];
  totals: { funds: number; receivedPaise: number; attributedPaise: number; remainingPaise: number };
}
