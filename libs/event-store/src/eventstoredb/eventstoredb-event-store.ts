import { EventStoreDBClient } from '@eventstore/db-client';
import { resolveReappend, type StoredIdentity, validateAppend } from '../append-rules.js';
import { jsonRoundTrip } from '../canonical-json.js';
import { checkRecordedContinuation, type StreamTail } from '../copy/recorded-chain.js';
import { chainHash, contentDigest } from '../hash-chain.js';
import { revisionMatches } from '../in-memory/in-memory-event-store.js';
import {
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type Position,
  type ReadAllOptions,
  type ReadAllResult,
  type ReadStreamOptions,
  type RecordedEvent,
  START,
  type StreamName,
  type SubscribeOptions,
  WrongExpectedRevisionError,
} from '../port.js';
import { asTimeout, DEFAULT_TIMEOUTS, type EventStoreDbTimeouts, withDeadline } from './deadline.js';
import {
  type ChainedEvent,
  compareEsdbPositions,
  type EsdbExpectedRevision,
  mapAppendError,
  sentExpectedRevision,
  toEventData,
} from './mapping.js';
import {
  headOfAll,
  readAllFiltered,
  readStreamEvents,
  type StoredEvent,
  tailOf,
  tailWindow,
  toPortEvent,
} from './reads.js';
import { resubscribing } from './resubscribe.js';
import { openSubscription } from './subscribe.js';

export interface EventStoreDbOptions {
  /** e.g. `esdb://localhost:2113?tls=false`; or pass a `client` (not disposed by close()). */
  connectionString?: string;
  client?: EventStoreDBClient;
  timeouts?: Partial<EventStoreDbTimeouts>;
  /** recordedAt comes from the application's clock: it is part of the hash, computed before the write. */
  clock?: () => Date;
  /** How many of the newest events an append inspects to recognise a retried append. Default 64. */
  retryWindow?: number;
  reconnect?: { maxReconnects: number; backoffMs: number };
}

/** Lost races for 'any'/'stream_exists' are retried from the read; exact expectations fail at once. */
const MAX_ATTEMPTS = 20;

/**
 * The EventStore port on EventStoreDB / KurrentDB (gRPC client). The hash chain is computed here from
 * the stream's tail, read inside the append; the write's exact expected revision makes a concurrent
 * writer fail instead of forking the chain. Every call runs under its own deadline (./deadline.ts).
 */
export class EventStoreDbEventStore implements EventStore {
  readonly client: EventStoreDBClient;
  private readonly timeouts: EventStoreDbTimeouts;
  private readonly clock: () => Date;
  private readonly closing = new AbortController();

  constructor(private readonly options: EventStoreDbOptions) {
    if (!options.client && !options.connectionString)
      throw new TypeError('EventStoreDbEventStore needs a client or a connectionString');
    this.client = options.client ?? EventStoreDBClient.connectionString(options.connectionString!);
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.clock = options.clock ?? (() => new Date());
  }

  async append(stream: StreamName, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    validateAppend(events);
    for (let attempt = 1; ; attempt += 1) {
      const window = await tailWindow(
        this.client,
        this.timeouts.readMs,
        stream,
        events.length + (this.options.retryWindow ?? 64),
      );
      const reappend = resolveReappend(stream, events, identities(window, events));
      if (reappend) return reappend;
      const tail = tailOf(window);
      if (!revisionMatches(expected, tail.revision))
        throw new WrongExpectedRevisionError(stream, expected, tail.revision);
      try {
        return await this.write(
          stream,
          chain(stream, events, tail, this.clock()),
          sentExpectedRevision(expected, tail.revision),
        );
      } catch (error) {
        const mapped = mapAppendError(error, stream, expected);
        // Loop: the next read tells a retry, a real conflict (with the actual revision) and a lost 'any' race apart.
        if (!(mapped instanceof WrongExpectedRevisionError) || attempt >= MAX_ATTEMPTS) throw mapped;
      }
    }
  }

  /** Copy capability (see port.ts): the events keep their recordedAt and hashes. */
  async appendRecorded(stream: StreamName, events: readonly RecordedEvent[]): Promise<AppendResult> {
    const tail = tailOf(await tailWindow(this.client, this.timeouts.readMs, stream, 1));
    checkRecordedContinuation(stream, events, tail);
    try {
      return await this.write(stream, events, tail.revision < 0 ? 'no_stream' : BigInt(tail.revision));
    } catch (error) {
      throw mapAppendError(error, stream, tail.revision);
    }
  }

  async readStream(stream: StreamName, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const range = { from: options.fromRevision ?? 0, to: options.toRevision };
    const read = await readStreamEvents(this.client, this.timeouts.readMs, stream, range);
    // recordedAt is the application's clock (hashed), so time travel filters here, not on the server's `created`.
    const until = options.untilTime?.getTime() ?? Number.POSITIVE_INFINITY;
    return read.filter((event) => event.recordedAt.getTime() <= until).map(toPortEvent);
  }

  readAll(options: ReadAllOptions): Promise<ReadAllResult> {
    return readAllFiltered(this.client, this.timeouts.readMs, { ...options, after: options.after ?? START });
  }

  subscribeAll(options: SubscribeOptions = {}): AsyncIterable<RecordedEvent> {
    const signal = options.signal ? AbortSignal.any([options.signal, this.closing.signal]) : this.closing.signal;
    const open = (after: Position) =>
      openSubscription(this.client, this.timeouts.subscribeMs, { after, filter: options.filter, signal });
    return resubscribing(open, {
      after: options.after ?? START,
      signal,
      ...(this.options.reconnect ?? { maxReconnects: 10, backoffMs: 200 }),
    });
  }

  headPosition(): Promise<Position> {
    return headOfAll(this.client, this.timeouts.readMs);
  }

  comparePositions(a: Position, b: Position): number {
    return compareEsdbPositions(a, b);
  }

  async close(): Promise<void> {
    if (this.closing.signal.aborted) return;
    this.closing.abort();
    if (!this.options.client) await this.client.dispose();
  }

  /** Appends chained events with the given expectation; the position is read back from the last event. */
  private async write(
    stream: StreamName,
    events: readonly ChainedEvent[],
    expectedRevision: EsdbExpectedRevision,
  ): Promise<AppendResult> {
    const append = { appendId: events[0]!.id, appendSize: events.length };
    const data = events.map((event) => toEventData(event, append));
    const { appendMs } = this.timeouts;
    const call = () => this.client.appendToStream(stream, data as never, { expectedRevision, deadline: appendMs });
    const result = await withDeadline('append', appendMs, call).catch((error: unknown) => {
      throw asTimeout(error, 'append', appendMs);
    });
    const nextRevision = Number(result.nextExpectedRevision);
    // The write result's position is the transaction's; the event's own, as reads report it, is read back.
    const [last] = await readStreamEvents(this.client, this.timeouts.readMs, stream, {
      from: nextRevision,
      to: nextRevision,
    });
    if (!last) throw new Error(`EventStoreDB did not return ${stream}@${nextRevision} right after writing it`);
    return { nextRevision, position: last.position };
  }
}

/** The new events linked to the tail: revisions, recordedAt and hashes as they will be read back. */
function chain(stream: StreamName, events: readonly NewEvent[], tail: StreamTail, recordedAt: Date): ChainedEvent[] {
  let previousHash = tail.hash;
  return events.map((input, index) => {
    const revision = tail.revision + 1 + index;
    const content = {
      streamName: stream,
      id: input.id.toLowerCase(),
      type: input.type,
      schemaVersion: input.schemaVersion,
      data: jsonRoundTrip(input.data) ?? null,
      metadata: jsonRoundTrip(input.metadata),
      recordedAt,
    };
    const hash = chainHash(previousHash, revision, contentDigest(content));
    const event = { ...content, revision, previousHash, hash };
    previousHash = hash;
    return event;
  });
}

/** The stored events whose ids the new append reuses, for resolveReappend. */
function identities(window: readonly StoredEvent[], events: readonly NewEvent[]): StoredIdentity[] {
  const wanted = new Set(events.map((event) => event.id.toLowerCase()));
  return window
    .filter((stored) => wanted.has(stored.id.toLowerCase()))
    .map(({ id, streamName, revision, position, appendId, appendSize }) => ({
      id,
      streamName,
      revision,
      position,
      appendId,
      appendSize,
    }));
}
