/**
 * A demo coalition start can load. Making one adds its loader's own keys to the keys file, so
 * start does it before the services read that file, and a resumed load needs no printed key.
 */
export interface DemoCoalition {
  /** The CBO the printed cbo key submits for, and the donor the donor key reads for. */
  cboId: string;
  donorId: string;
  /** Loads it through the ingest API; loading again after an interruption stores nothing twice. */
  load(ingestUrl: string): Promise<void>;
  /** The loader's own keys (never printed), revoked when the load ends: see loadThenRevoke. */
  loaderTokens: readonly string[];
}
