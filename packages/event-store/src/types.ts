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
  /** Appends all events to one stream atomically, or none of them. */
  append(stream: string, events: EventToAppend[], options?: AppendOptions): Promise<AppendResult>;
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<ReadAllPage>;
  /** The position of the last event in the log, 0n when it is empty. */
  headPosition(): Promise<bigint>;
  /** A catch-up subscription to the global log that turns live once it has caught up. */
  subscribe(options: SubscribeOptions): Subscription;
  close(): Promise<void>;
}
