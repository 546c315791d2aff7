import type { Counter, Registry } from 'prom-client';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  NewStream,
  NewStreamOutcome,
  Position,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  RecordedEvent,
  StreamName,
  SubscribeOptions,
} from '#event-store';
import { counterOn } from './registry.js';

export function eventsAppendedCounter(registry: Registry): Counter<'type'> {
  return counterOn(registry, {
    name: 'events_appended_total',
    help: 'Events appended to the event store by this process, by event type',
    labelNames: ['type'],
  });
}

/**
 * The store with `events_appended_total{type}` counted on every successful append (a refused
 * append counts nothing). Counting at the store, not in the command handler, means an idempotent
 * replay that answers from events stored earlier is not counted twice.
 */
export class CountingEventStore implements EventStore {
  private readonly appended: Counter<'type'>;
  /** Present exactly when the wrapped store has it; counts the streams written, not those already there. */
  readonly appendNewStreams?: (streams: readonly NewStream[]) => Promise<NewStreamOutcome[]>;

  constructor(
    private readonly inner: EventStore,
    registry: Registry,
  ) {
    this.appended = eventsAppendedCounter(registry);
    if (inner.appendNewStreams) this.appendNewStreams = (streams) => this.countNewStreams(inner, streams);
  }

  async append(stream: StreamName, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const result = await this.inner.append(stream, events, expected);
    for (const event of events) this.appended.inc({ type: event.type });
    return result;
  }

  readStream(stream: StreamName, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.inner.readStream(stream, options);
  }

  readAll(options: ReadAllOptions): Promise<ReadAllResult> {
    return this.inner.readAll(options);
  }

  subscribeAll(options?: SubscribeOptions): AsyncIterable<RecordedEvent> {
    return this.inner.subscribeAll(options);
  }

  headPosition(): Promise<Position> {
    return this.inner.headPosition();
  }

  comparePositions(a: Position, b: Position): number {
    return this.inner.comparePositions(a, b);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private async countNewStreams(inner: EventStore, streams: readonly NewStream[]): Promise<NewStreamOutcome[]> {
    const outcomes = await inner.appendNewStreams!(streams);
    for (const [index, outcome] of outcomes.entries()) {
      if (outcome.result === 'exists') continue;
      for (const event of streams[index]!.events) this.appended.inc({ type: event.type });
    }
    return outcomes;
  }
}
