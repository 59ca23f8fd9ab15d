import type { RecordFundsInput, Recorded } from "@relief-ledger/domain";
import { RefusedError, createClient, type Client, type ClientOptions } from "./http-client.js";
import { runPool } from "./pool.js";
import { submissionsOf } from "./submissions.js";
import type { Batch, Coalition } from "./types.js";

export interface LoadTarget {
  baseUrl: string;
  /** An admin key: registers the CBOs and donors and records the funds. */
  adminKey: string;
  /** The cbo-role key each CBO submits and voids with; the caller decides how keys are made. */
  keyFor: (cboId: string) => string;
}

export interface Tally {
  recorded: number;
  replayed: number;
}

export interface LoadSummary {
  cbos: Tally;
  donors: Tally;
  funds: Tally;
  submissions: Tally;
  distributions: Tally;
  /** `replayed`: the distribution was already voided, by an earlier load. */
  voids: Tally;
  retries: number;
  elapsedMs: number;
}

export type LoadPhase = "registrations" | "funds" | "submissions" | "done";

export interface LoadProgress {
  phase: LoadPhase;
  /** Items of this phase finished, out of `total`. */
  done: number;
  total: number;
  summary: LoadSummary;
}

export interface LoadOptions {
  /** Requests in flight at once (a CBO's submission and its voids go in order). Default 4. */
  concurrency?: number;
  onProgress?: (progress: LoadProgress) => void;
  client?: Omit<ClientOptions, "baseUrl">;
  /** The batches to send; by default all of the coalition's, in upload order. */
  batches?: Iterable<Batch>;
}

const tally = (): Tally => ({ recorded: 0, replayed: 0 });

async function write(client: Client, what: string, token: string, path: string, body: unknown): Promise<Recorded> {
  const reply = await client.send(token, "POST", path, body);
  if (reply.status !== 201) throw new RefusedError(what, reply.status, reply.body);
  return reply.body as Recorded;
}

/** True for the refusal a void gets when an earlier load already voided the distribution. */
const alreadyVoided = (status: number, body: unknown): boolean =>
  status === 422 &&
  Array.isArray((body as { details?: unknown } | undefined)?.details) &&
  (body as { details: { path?: string; message?: string }[] }).details.some(
    (d) => d.path === "distributionId" && d.message === "is already voided",
  );

/**
 * Feeds a coalition through the real ingest API, and nothing else: registrations, then funds,
 * then each submission followed by the voids of its distributions. Loading the same coalition
 * again stores nothing new and reports everything as replayed. The dedup policy is left at the
 * default, which the planted duplicates are planned against (a PUT would append a new event
 * on every run).
 */
export async function loadCoalition(
  target: LoadTarget,
  coalition: Coalition,
  options: LoadOptions = {},
): Promise<LoadSummary> {
  const started = performance.now();
  const client = createClient({ baseUrl: target.baseUrl.replace(/\/+$/, ""), ...options.client });
  const concurrency = options.concurrency ?? 4;
  const summary: LoadSummary = {
    cbos: tally(),
    donors: tally(),
    funds: tally(),
    submissions: tally(),
    distributions: tally(),
    voids: tally(),
    retries: 0,
    elapsedMs: 0,
  };
  const count = (t: Tally, recorded: Recorded) => (recorded.replayed ? t.replayed++ : t.recorded++);
  const report = (phase: LoadPhase, done: number, total: number) => {
    summary.retries = client.retries();
    summary.elapsedMs = performance.now() - started;
    options.onProgress?.({ phase, done, total, summary });
  };

  const registrations = [
    ...coalition.cbos.map((c) => ({
      what: `registering CBO ${c.registration.cboId}`,
      path: "/v1/cbos",
      body: c.registration,
      tally: summary.cbos,
    })),
    ...coalition.donors.map((d) => ({
      what: `registering donor ${d.donorId}`,
      path: "/v1/donors",
      body: d,
      tally: summary.donors,
    })),
  ];
  let done = 0;
  await runPool(registrations, concurrency, async (r) => {
    count(r.tally, await write(client, r.what, target.adminKey, r.path, r.body));
    report("registrations", ++done, registrations.length);
  });

  done = 0;
  await runPool(coalition.funds, concurrency, async (fund: RecordFundsInput) => {
    count(summary.funds, await write(client, `fund ${fund.fundId}`, target.adminKey, "/v1/funds", fund));
    report("funds", ++done, coalition.funds.length);
  });

  done = 0;
  await runPool(options.batches ?? submissionsOf(coalition), concurrency, async ({ submission, voids }) => {
    const token = target.keyFor(submission.cboId);
    const what = `submission ${submission.submissionId} of ${submission.cboId}`;
    const recorded = await write(client, what, token, "/v1/submissions", submission);
    count(summary.submissions, recorded);
    if (recorded.replayed) summary.distributions.replayed += recorded.count;
    else summary.distributions.recorded += recorded.count;
    for (const v of voids) {
      const path = `/v1/distributions/${v.distributionId}/void`;
      const reply = await client.send(token, "POST", path, { reason: v.reason });
      if (reply.status === 201) summary.voids.recorded++;
      else if (alreadyVoided(reply.status, reply.body)) summary.voids.replayed++;
      else throw new RefusedError(`void of ${v.distributionId}`, reply.status, reply.body);
    }
    report("submissions", ++done, coalition.submissions.length);
  });

  report("done", 1, 1);
  return summary;
}
