/** A JSON object: the only shape of event data and metadata the ledger stores. */
export type JsonObject = { [key: string]: unknown };

/** An event as a writer hands it to the store. The id makes retries idempotent. */
export interface EventToAppend {
  id: string;
  type: string;
  data: JsonObject;
  metadata?: JsonObject;
}

/**
 * An event as the store gives it back. `position` is its place in the global log: totally
 * ordered and stable. On SQLite it counts 1, 2, 3… without gaps; on EventStoreDB it encodes the
 * transaction-log position, so compare positions, never do arithmetic on them.
 */
export interface RecordedEvent {
  id: string;
  stream: string;
  revision: number;
  position: bigint;
  type: string;
  data: JsonObject;
  metadata: JsonObject;
  recordedAt: string;
}

/**
 * What the writer believes the stream looks like: `no_stream` (it must not exist yet),
 * `stream_exists`, `any`, or the revision of its last event (0-based).
 */
export type ExpectedRevision = "any" | "no_stream" | "stream_exists" | number;

export interface AppendOptions {
  expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  /** The revision of the stream's last event, to pass as the next `expectedRevision`. */
  nextExpectedRevision: number;
  firstPosition: bigint;
  lastPosition: bigint;
}

export interface ReadStreamOptions {
  fromRevision?: number;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events after this position. 0n is the start of the log. */
  after?: bigint;
  maxCount?: number;
}

export interface ReadAllPage {
  events: RecordedEvent[];
  /** Pass as `after` to read the next page. */
  next: bigint;
  /** True when the page reached the end of the log as it stood when read. */
  isEnd: boolean;
}

export interface SubscribeOptions {
  /** The checkpoint: the position of the last event already handled; 0n to start from the beginning. */
  after?: bigint;
  /** Called with each batch in log order; the next batch waits until it resolves. */
  onEvents: (events: RecordedEvent[]) => Promise<void> | void;
  /** Called once, when the subscription has caught up with the log and turns live. */
  onLive?: () => void;
  batchSize?: number;
}

export interface Subscription {
  /** Stops delivering; resolves once no handler call is in flight. */
  stop(): Promise<void>;
  /** Settles when the subscription ends: resolves after stop(), rejects if a handler threw. */
  readonly done: Promise<void>;
}

/** The port every adapter implements and the shared contract suite checks. */
export interface EventStore {
  /**
   * Present (true) only on a store whose positions count 1, 2, 3… without gaps: SQLite's own.
   * An integrity check may then treat a gap as a deleted event; nothing else may rely on it.
   */
  readonly densePositions?: true;
  /** Appends all events to one stream atomically, or none of them. */
  append(stream: string, events: EventToAppend[], options?: AppendOptions): Promise<AppendResult>;
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<ReadAllPage>;
  /** The position of the last event in the log, 0n when it is empty. */
  headPosition(): Promise<bigint>;
  /**
   * How many events follow `after`, counting no further than `atMost` (the answer is `atMost` when
   * there are at least that many). Positions are not dense on every store: this, not a difference
   * of positions, is how far one place in the log is from another.
   */
  countEventsAfter(after: bigint, atMost: number): Promise<number>;
  /** A catch-up subscription to the global log that turns live once it has caught up. */
  subscribe(options: SubscribeOptions): Subscription;
  close(): Promise<void>;
}
