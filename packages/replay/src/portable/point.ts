/** What `includes` needs of an event: where it is in the log and when the store recorded it. */
export interface PlacedEvent {
  position: bigint;
  recordedAt: string;
}

/**
 * A point that cannot be replayed to, naming the input at fault (`asOf`, `position`, or neither when
 * the two were given together or not at all). The message names the input the CLI's way (--as-of);
 * a caller with other names for them (a route's body fields) says it in its own words.
 */
export class ReplayPointError extends Error {
  constructor(
    readonly field: "asOf" | "position" | undefined,
    message: string,
  ) {
    super(message);
    this.name = "ReplayPointError";
  }
}

/** How far a replay goes: the point as the auditor gave it, resolved to a test on each event. */
export type ReplayPoint = { by: "position"; position: string } | { by: "recordedAt"; asOf: string; until: string };

const DAY = /^\d{4}-\d{2}-\d{2}$/;
// A zone is required: a time without one would mean whatever the auditor's machine is set to.
const INSTANT = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
export const AS_OF_HELP = "a UTC day (2025-01-15) or an ISO 8601 instant with its zone (2025-01-15T09:30:00Z)";

// Date.parse rolls 2025-02-30 over into March; a day must survive the round trip unchanged.
const isRealDay = (day: string): boolean =>
  !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day);

/** The last instant, to the millisecond the store records, that --as-of still includes. */
function untilOf(asOf: string): string {
  if (DAY.test(asOf) && isRealDay(asOf))
    return new Date(Date.parse(`${asOf}T00:00:00Z`) + 86_400_000 - 1).toISOString();
  const instant = INSTANT.exec(asOf);
  if (instant && isRealDay(instant[1]!)) return new Date(Date.parse(asOf)).toISOString();
  throw new ReplayPointError("asOf", `--as-of must be ${AS_OF_HELP}`);
}

/** Exactly one of --as-of and --position, checked, with the flag named in every refusal. */
export function replayPoint(flags: { asOf?: string; position?: string }): ReplayPoint {
  if (flags.asOf !== undefined && flags.position !== undefined)
    throw new ReplayPointError(
      undefined,
      "give --as-of or --position, not both: they are two ways to name the point to replay to",
    );
  if (flags.asOf !== undefined) return { by: "recordedAt", asOf: flags.asOf, until: untilOf(flags.asOf) };
  if (flags.position !== undefined) {
    if (!/^\d{1,40}$/.test(flags.position))
      throw new ReplayPointError(
        "position",
        "--position must be a whole number: a position in the global log, 0 for none",
      );
    return { by: "position", position: BigInt(flags.position).toString() };
  }
  throw new ReplayPointError(undefined, `give --as-of DATE (${AS_OF_HELP}) or --position N: the point to replay to`);
}

/**
 * Whether an event is still inside the point. The log is replayed as a prefix: it is cut at the
 * first event outside, so a clock that stepped back later cannot pull a later event into the past.
 */
export function includes(point: ReplayPoint): (event: PlacedEvent) => boolean {
  if (point.by === "position") {
    const last = BigInt(point.position);
    return (event) => event.position <= last;
  }
  const until = Date.parse(point.until);
  return (event) => Date.parse(event.recordedAt) <= until;
}
